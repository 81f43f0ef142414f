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
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Set;

/**
 * A well-formed BCP 47 tag, in its canonical case, whose language subtag is a real ISO 639 language
 * ({@code pl}, {@code pt-BR}, {@code yue}); {@code xx-not-a-language} is well-formed and still refused. Null is valid. Whether the
 * platform has messages in it is not asked here: one without them is written to in the setting's
 * default language.
 */
@Documented
@Constraint(validatedBy = KnownLanguage.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface KnownLanguage {
    String message() default "must be a BCP 47 language tag (such as en, pl or pt-BR) of a real language";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<KnownLanguage, String> {

        private static final Set<String> TWO_LETTER = Set.of(Locale.getISOLanguages());

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isRealLanguage(value);
        }

        static boolean isRealLanguage(String tag) {
            Locale locale;
            try {
                locale = new Locale.Builder().setLanguageTag(tag).build();
            } catch (IllformedLocaleException e) {
                return false;
            }
            if (!locale.toLanguageTag().equals(tag)) {
                // the canonical form only (en, pt-BR; not EN or pt-br), so that one language is stored one way
                return false;
            }
            String language = locale.getLanguage();
            if (language.length() == 2) {
                return TWO_LETTER.contains(language);
            }
            // a three-letter ISO 639-2/3 code without a two-letter one: real if CLDR has a name for it
            return language.length() == 3 && !language.equals(locale.getDisplayLanguage(Locale.ENGLISH));
        }
    }
}
