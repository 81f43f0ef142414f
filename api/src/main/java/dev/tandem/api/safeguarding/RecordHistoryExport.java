package dev.tandem.api.safeguarding;

import dev.tandem.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** As {@link RecordHistoryView}, for a download of the history ({@code format} {@code pdf} or {@code json}). */
public record RecordHistoryExport(@TargetAggregateIdentifier String childId, String exportId, String format,
                                  String reason, HistoryQuery query, Actor actor) {
}
