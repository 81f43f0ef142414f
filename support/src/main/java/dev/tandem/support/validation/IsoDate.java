package dev.tandem.support.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A local date written {@code YYYY-MM-DD}. Taken as a string, so that a badly written one is reported
 * with every other bad field of the request rather than alone. Null is valid. Read it with
 * {@link Values#date(String)}.
 */
@Documented
@Constraint(validatedBy = IsoDate.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface IsoDate {
    String message() default "must be a date written YYYY-MM-DD";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Whether the date must also be before today (a date of birth, say). */
    boolean past() default false;


    class Validator implements ConstraintValidator<IsoDate, String> {

        private boolean past;

        @Override
        public void initialize(IsoDate constraint) {
            past = constraint.past();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            LocalDate date;
            try {
                date = Values.date(value);
            } catch (DateTimeParseException e) {
                return false;
            }
            if (date != null && past && !date.isBefore(LocalDate.now(context.getClockProvider().getClock()))) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must be a date in the past").addConstraintViolation();
                return false;
            }
            return true;
        }
    }
}
