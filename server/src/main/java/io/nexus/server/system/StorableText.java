package io.nexus.server.system;

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
  String message() default "must not contain the NUL character (U+0000) or unpaired surrogates";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks a string, map or list against {@link StorableText}; {@code null} is valid. */
  final class Validator implements ConstraintValidator<StorableText, Object> {
    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
      return storable(value);
    }

    private static boolean storable(Object value) {
      if (value instanceof CharSequence text) {
        return storable(text);
      }
      if (value instanceof Map<?, ?> map) {
        return map.entrySet().stream().allMatch(e -> storable(e.getKey()) && storable(e.getValue()));
      }
      if (value instanceof Collection<?> list) {
        return list.stream().allMatch(Validator::storable);
      }
      return true;
    }

    private static boolean storable(CharSequence text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == 0) {
          return false;
        }
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          return false;
        }
      }
      return true;
    }
  }
}
