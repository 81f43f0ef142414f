package dev.tandem.notifier.recipients;

/** A child as the notifier needs it: whose family to tell and how to name the child in a message. */
public record RecipientChild(String id, String settingId, String familyId, String keyPersonId, String name) {

    /** Messages greet families warmly and briefly: by the child's first name only. */
    public String firstName() {
        String trimmed = name.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    @Override
    public String toString() {
        return "RecipientChild[" + id + "]";
    }
}
