package dev.tandem.support.validation;

import dev.tandem.api.common.Language;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A BCP 47 language the platform has message templates for ({@code en}, {@code pl}, {@code ur}). Null is valid. */
@Documented
@Constraint(validatedBy = KnownLanguage.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface KnownLanguage {
    String message() default "must be a language the platform speaks: en, pl or ur";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<KnownLanguage, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Language.fromTag(value).filter(l -> l.tag().equals(value)).isPresent();
        }
    }
}
