package dev.tandem.api.setting;

import dev.tandem.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * How long before a booked meeting its family's carers are reminded of it, in whole hours, for every
 * meeting of the setting; 0 sends no reminders. A setting that never said reminds a day before.
 */
public record SetMeetingReminders(@TargetAggregateIdentifier String settingId, int hoursBefore, Actor actor) {

    public static final int DEFAULT_HOURS_BEFORE = 24;
    public static final int MAX_HOURS_BEFORE = 168;

    public SetMeetingReminders {
        if (hoursBefore < 0 || hoursBefore > MAX_HOURS_BEFORE) {
            throw new IllegalArgumentException("hoursBefore must be from 0 to " + MAX_HOURS_BEFORE);
        }
    }
}
