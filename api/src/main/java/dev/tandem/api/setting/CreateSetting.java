package dev.tandem.api.setting;

import dev.tandem.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateSetting(@TargetAggregateIdentifier String settingId, String name, String timeZone,
                            String defaultLanguage, Actor actor) {
}
