package dev.tandem.api.concern;

import dev.tandem.api.common.Channel;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A safeguarding lead's alert could not be sent on a channel; {@code detail} says why, without personal data. */
@Revision("1")
public record SafeguardingLeadAlertFailed(String concernId, String childId, String settingId, String staffId,
                                          SafeguardingAlertReason reason, Channel channel, String detail,
                                          Instant failedAt) {
}
