package dev.tandem.api.family;

import dev.tandem.api.common.Actor;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.QuietHours;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeCarerPreferences(@TargetAggregateIdentifier String familyId, String carerId,
                                     String preferredLanguage, List<Channel> channels, QuietHours quietHours,
                                     Actor actor) {
}
