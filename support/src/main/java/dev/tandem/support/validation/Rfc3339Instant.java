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
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * An RFC 3339 instant such as {@code 2026-11-23T09:30:00Z} (an offset such as {@code +01:00} is
 * accepted too). Taken as a string, so that a badly written one is reported with every other bad
 * field of the request rather than alone. Null is valid. Read it with {@link Values#instant(String)}.
 */
@Documented
@Constraint(validatedBy = Rfc3339Instant.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface Rfc3339Instant {
    String message() default "must be an RFC 3339 instant such as 2026-11-23T09:30:00Z";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};


    class Validator implements ConstraintValidator<Rfc3339Instant, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            try {
                Values.instant(value);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }
}
