package dev.tandem.notifier.testing;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.util.Optional;

/** The parts of an email as a reader sees them, decoded: its plain text and its HTML. */
public final class MailText {

    private MailText() {
    }

    public static String plain(Part message) {
        return part(message, "text/plain").orElseThrow(() -> new AssertionError("the email has no plain text part"));
    }

    public static String html(Part message) {
        return part(message, "text/html").orElseThrow(() -> new AssertionError("the email has no HTML part"));
    }

    private static Optional<String> part(Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return Optional.of((String) part.getContent());
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    Optional<String> found = part(child, type);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            throw new AssertionError("the email cannot be read", e);
        }
    }
}
