package dev.tandem.command.family;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Quiet hours that start and end at the same time are either nothing or the whole day; neither is
 * what anyone means, so they are refused and reported on the {@code quietHours} field itself.
 */
@Documented
@Constraint(validatedBy = QuietWindow.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface QuietWindow {

    String message() default "must not start and end at the same time";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<QuietWindow, FamilyController.QuietHoursDetails> {
        @Override
        public boolean isValid(FamilyController.QuietHoursDetails value, ConstraintValidatorContext context) {
            return value == null || value.start() == null || !value.start().equals(value.end());
        }
    }
}
