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
import java.time.Instant;

/**
 * The time lies in the years 1900 to 2200 and has at most microseconds, as the database keeps it (see
 * {@link Dates#unstorable}). Breaking it answers 422.
 */
@Documented
@Unstorable
@Constraint(validatedBy = StorableTime.Validator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface StorableTime {
  /** Unused: the message says which rule was broken. */
  String message() default "cannot be stored";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks an {@link Instant} against {@link StorableTime}; {@code null} is valid. */
  final class Validator implements ConstraintValidator<StorableTime, Instant> {
    @Override
    public boolean isValid(Instant value, ConstraintValidatorContext context) {
      String reason = value == null ? null : Dates.unstorable(value);
      if (reason == null) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate(reason).addConstraintViolation();
      return false;
    }
  }
}
