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

/** An id the platform handed out: a UUID in its usual 8-4-4-4-12 hex form. Null is valid. */
@Documented
@Constraint(validatedBy = Uuid.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Uuid {
    String message() default "must be a UUID";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Uuid, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Uuids.isUuid(value);
        }
    }
}
