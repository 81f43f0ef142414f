package dev.tandem.support.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A phone number in E.164 form ({@code +447700900123}) that libphonenumber accepts as possible. Null is valid. */
@Documented
@Constraint(validatedBy = E164Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface E164 {
    String message() default "must be a phone number in E.164 form, such as +447700900123";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
