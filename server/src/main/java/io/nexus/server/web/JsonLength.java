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
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON document (a map or list the service stores as text) fits its {@code VARCHAR(max)} column once written as
 * JSON. Breaking it answers 422.
 */
@Documented
@Unstorable
@Constraint(validatedBy = JsonLength.Validator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface JsonLength {
  /** The column's length in characters. */
  int max();

  /** Unused: the message names the limit. */
  String message() default "too long";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks a document against {@link JsonLength}; {@code null} is valid. */
  final class Validator implements ConstraintValidator<JsonLength, Object> {
    private int max;

    @Override
    public void initialize(JsonLength column) {
      max = column.max();
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
      // Maps and lists are written the same by any mapper: naming strategies apply to beans, not to map keys.
      if (value == null || JsonMapper.shared().writeValueAsString(value).length() <= max) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate("must be at most " + max + " characters when written as JSON")
          .addConstraintViolation();
      return false;
    }
  }
}
