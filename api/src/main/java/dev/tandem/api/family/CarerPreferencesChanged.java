package dev.tandem.api.family;

import dev.tandem.api.common.Channel;
import dev.tandem.api.common.QuietHours;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** How a carer wants to be told changed; the whole preference is stated, not a difference. */
@Revision("1")
public record CarerPreferencesChanged(String familyId, String settingId, String carerId, String preferredLanguage,
                                      List<Channel> channels, QuietHours quietHours, String changedBy,
                                      Instant changedAt) {
}
