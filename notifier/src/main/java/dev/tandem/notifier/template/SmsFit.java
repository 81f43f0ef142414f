package dev.tandem.notifier.template;

/**
 * An SMS body that fits in so many segments, as Twilio counts them ({@link SmsSegments}): a longer one
 * is cut (at a word where there is one near) and ends with a link to where it can be read whole. The
 * ellipsis is one the body's encoding has: {@code ...} in GSM-7, so that cutting never turns a GSM-7
 * message into a UCS-2 one of half the room, {@code …} in UCS-2.
 */
public final class SmsFit {

    private SmsFit() {
    }

    public static String fit(String body, int maxSegments, String link) {
        if (body == null || SmsSegments.of(body).segments() <= maxSegments) {
            return body;
        }
        boolean gsm7 = SmsSegments.of(body).encoding().equals(SmsSegments.GSM_7);
        String tail = (gsm7 ? "..." : "…") + " " + link;
        // the longest head (in code points) that fits with the tail: the fit only shrinks as the head grows
        int[] points = body.codePoints().toArray();
        int low = 0;
        int high = points.length;
        while (low < high) {
            int middle = (low + high + 1) / 2;
            if (SmsSegments.of(head(points, middle) + tail).segments() <= maxSegments) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        String head = head(points, low);
        int space = head.lastIndexOf(' ');
        if (space > head.length() * 3 / 4) {
            head = head.substring(0, space);
        }
        return head.stripTrailing() + tail;
    }

    private static String head(int[] points, int count) {
        return new String(points, 0, count);
    }
}
