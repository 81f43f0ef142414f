package dev.tandem.api.child;

import dev.tandem.api.common.Actor;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterChild(@TargetAggregateIdentifier String childId, String settingId, String familyId,
                            String roomId, String keyPersonId, String name, LocalDate dateOfBirth, Actor actor) {
}
