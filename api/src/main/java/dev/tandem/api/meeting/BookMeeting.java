package dev.tandem.api.meeting;

import dev.tandem.api.common.Actor;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Book a meeting between a child's key person and the child's family. A meeting is an update. */
public record BookMeeting(@TargetAggregateIdentifier String meetingId, String childId, Instant startsAt,
                          int durationMinutes, String location, String purpose, Actor actor) {
}
