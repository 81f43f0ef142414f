package dev.tandem.api.concern;

import dev.tandem.api.common.Channel;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A designated safeguarding lead was told, without the child's name or the concern's text, that a concern
 * awaits them (or still does). Published by the notifier; {@code providerId} is what the provider answered.
 */
@Revision("1")
public record SafeguardingLeadAlerted(String concernId, String childId, String settingId, String staffId,
                                      SafeguardingAlertReason reason, Channel channel, String providerId,
                                      Instant alertedAt) {
}
