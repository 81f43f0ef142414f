package dev.tandem.api.announcement;

import dev.tandem.api.common.Actor;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Announce to one room's families ({@code roomId}) or, with {@code roomId} null, to the whole setting. */
public record BroadcastAnnouncement(@TargetAggregateIdentifier String updateId, String settingId, String roomId,
                                   String title, String text, LocalDate eventDate, boolean urgent, Actor actor) {
}
