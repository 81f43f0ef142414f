package dev.tandem.api.meeting;

import dev.tandem.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelMeeting(@TargetAggregateIdentifier String meetingId, String reason, Actor actor) {
}
