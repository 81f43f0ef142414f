package dev.tandem.notifier.template;

/**
 * How Twilio counts an SMS body: in GSM-7 when every character is in the GSM 03.38 alphabet (those of
 * its extension table, such as {@code €} or {@code [}, take two septets), 160 septets in one segment or
 * 153 in each of several; otherwise in UCS-2, 70 UTF-16 units in one or 67 in each of several. A
 * character is never split across two segments (neither an escaped GSM-7 character nor a surrogate
 * pair), as Twilio's own segment calculator does.
 */
public record SmsSegments(int segments, String encoding) {

    public static final String GSM_7 = "GSM-7";
    public static final String UCS_2 = "UCS-2";

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "\f^{}\\[~]|€";

    public static SmsSegments of(String body) {
        String text = body == null ? "" : body;
        return isGsm7(text) ? gsm7(text) : ucs2(text);
    }

    private static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) < 0 && EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static SmsSegments gsm7(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            septets += EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
        }
        if (septets <= 160) {
            return new SmsSegments(1, GSM_7);
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int size = EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
            if (used + size > 153) {
                segments++;
                used = 0;
            }
            used += size;
        }
        return new SmsSegments(segments, GSM_7);
    }

    private static SmsSegments ucs2(String text) {
        if (text.length() <= 70) {
            return new SmsSegments(1, UCS_2);
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int size = Character.charCount(text.codePointAt(i));
            if (used + size > 67) {
                segments++;
                used = 0;
            }
            used += size;
            i += size;
        }
        return new SmsSegments(segments, UCS_2);
    }
}
