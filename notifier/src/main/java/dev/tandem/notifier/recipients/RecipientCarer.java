package dev.tandem.notifier.recipients;

import dev.tandem.api.common.Channel;
import dev.tandem.api.common.QuietHours;
import java.util.List;

/**
 * A carer as the notifier knows them: how to reach them and in which order they want to be reached.
 * {@code smsOptedOut}: they texted STOP, so SMS cannot be used whatever their order says.
 * {@code toString} names no personal data, so a carer may safely end up in a log line.
 */
public record RecipientCarer(String id, String familyId, String settingId, String name, String email, String phone,
                    String preferredLanguage, List<Channel> channels, QuietHours quietHours,
                    List<String> deviceTokens, boolean smsOptedOut) {

    public RecipientCarer {
        channels = List.copyOf(channels);
        deviceTokens = List.copyOf(deviceTokens);
    }

    /** A carer who has not opted out of SMS. */
    public RecipientCarer(String id, String familyId, String settingId, String name, String email, String phone,
                 String preferredLanguage, List<Channel> channels, QuietHours quietHours, List<String> deviceTokens) {
        this(id, familyId, settingId, name, email, phone, preferredLanguage, channels, quietHours, deviceTokens, false);
    }

    public boolean hasPhone() {
        return phone != null && !phone.isBlank();
    }

    public boolean hasEmail() {
        return email != null && !email.isBlank();
    }

    public boolean hasDevice() {
        return !deviceTokens.isEmpty();
    }

    @Override
    public String toString() {
        return "RecipientCarer[" + id + "]";
    }
}
