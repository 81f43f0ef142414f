package dev.tandem.api.setting;

import dev.tandem.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A manager sets how long the setting keeps records after a child leaves, and safeguarding records until what age. */
public record SetRetention(@TargetAggregateIdentifier String settingId, int recordsYearsAfterLeaving,
                           int safeguardingUntilAge, Actor actor) {
}
