package io.nexus.server.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * The text, or every key and text of a JSON document given as a map or list, can be stored as it is: no NUL character
 * (PostgreSQL refuses it) and no unpaired surrogate (UTF-8 cannot encode it, so it would be stored as '?'). Breaking it
 * answers 422.
 */
@Documented
@Unstorable
@Constraint(validatedBy = StorableText.Validator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface StorableText {
  /** Unused: the message says what was found. */
  String message() default "cannot be stored";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks a string, map or list against {@link StorableText}; {@code null} is valid. */
  final class Validator implements ConstraintValidator<StorableText, Object> {
    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
      String reason = unstorable(value);
      if (reason == null) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate(reason).addConstraintViolation();
      return false;
    }

    /** Why {@code value} cannot be stored as it is, or {@code null}. */
    private static String unstorable(Object value) {
      if (value instanceof CharSequence text) {
        return unstorable(text);
      }
      if (value instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          String reason = unstorable(entry.getKey());
          reason = reason != null ? reason : unstorable(entry.getValue());
          if (reason != null) {
            return reason;
          }
        }
      }
      if (value instanceof Collection<?> list) {
        for (Object element : list) {
          String reason = unstorable(element);
          if (reason != null) {
            return reason;
          }
        }
      }
      return null;
    }

    private static String unstorable(CharSequence text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == 0) {
          return "must not contain the NUL character (U+0000)";
        }
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          return "must not contain an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT)
              + "), which UTF-8 cannot store";
        }
      }
      return null;
    }
  }
}
