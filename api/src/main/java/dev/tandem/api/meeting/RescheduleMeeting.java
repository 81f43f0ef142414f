package dev.tandem.api.meeting;

import dev.tandem.api.common.Actor;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RescheduleMeeting(@TargetAggregateIdentifier String meetingId, Instant startsAt, int durationMinutes,
                                Actor actor) {
}
