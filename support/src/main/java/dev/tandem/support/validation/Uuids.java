package dev.tandem.support.validation;

import java.util.regex.Pattern;

/** Every id the platform makes is a UUID in its textual form; this says whether a string is one. */
public final class Uuids {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uuids() {
    }

    public static boolean isUuid(String value) {
        return value != null && UUID.matcher(value).matches();
    }
}
