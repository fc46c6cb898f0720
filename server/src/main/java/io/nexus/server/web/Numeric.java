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
import java.math.BigDecimal;

/**
 * The number fits a {@code NUMERIC(precision, scale)} column exactly: at most {@code scale} decimal places and
 * {@code precision - scale} integer digits, so that what is stored is what was sent. Breaking it answers 422.
 */
@Documented
@Unstorable
@Constraint(validatedBy = Numeric.Validator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface Numeric {
  /** The column's precision: how many digits in all. */
  int precision();

  /** The column's scale: how many of them after the decimal point. */
  int scale();

  /** Unused: the message names the allowed digits. */
  String message() default "does not fit its column";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks a {@link BigDecimal} against {@link Numeric}; {@code null} is valid. */
  final class Validator implements ConstraintValidator<Numeric, BigDecimal> {
    private int scale;
    private int integerDigits;

    @Override
    public void initialize(Numeric column) {
      scale = column.scale();
      integerDigits = column.precision() - column.scale();
    }

    @Override
    public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      BigDecimal exact = value.stripTrailingZeros();
      // Longs: a scale near Integer.MIN_VALUE (1e2147483647) would overflow the subtraction.
      long decimals = Math.max(0, exact.scale());
      long integers = Math.max(0, (long) exact.precision() - exact.scale());
      if (decimals <= scale && integers <= integerDigits) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate("must have at most " + scale + " decimal places and "
          + integerDigits + " integer digits").addConstraintViolation();
      return false;
    }
  }
}
