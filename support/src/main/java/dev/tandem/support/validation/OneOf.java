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
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A string that names a constant of the given enum. Requests take enum values as strings checked by
 * this constraint, rather than as enums, so that a wrong value is reported together with every other
 * bad field instead of stopping the reading of the body at the first one. Null is valid.
 */
@Documented
@Constraint(validatedBy = OneOf.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface OneOf {

    Class<? extends Enum<?>> value();

    String message() default "must be one of {values}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<OneOf, String> {

        private java.util.Set<String> names;
        private String listed;

        @Override
        public void initialize(OneOf annotation) {
            names = Arrays.stream(annotation.value().getEnumConstants()).map(Enum::name).collect(Collectors.toSet());
            listed = Arrays.stream(annotation.value().getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || names.contains(value)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be one of " + listed).addConstraintViolation();
            return false;
        }
    }
}
