package dev.tandem.support.validation;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.regex.Pattern;

public class E164Validator implements ConstraintValidator<E164, String> {

    private static final Pattern SHAPE = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        if (!SHAPE.matcher(value).matches()) {
            return false;
        }
        try {
            return PHONES.isPossibleNumber(PHONES.parse(value, null));
        } catch (NumberParseException e) {
            return false;
        }
    }
}
