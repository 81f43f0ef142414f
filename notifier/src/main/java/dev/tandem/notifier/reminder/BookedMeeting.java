package dev.tandem.notifier.reminder;

import java.time.Instant;

/**
 * A meeting as the notifier keeps it for its reminder ({@code notifier_meeting_reminder}): where it
 * stands, when its reminder is due ({@code dueAt}, null while none is scheduled) under which scheduling
 * ({@code scheduleSeq}), and which time the family was last reminded of ({@code remindedFor}).
 */
public record BookedMeeting(String meetingId, String childId, String familyId, String settingId, String keyPersonId,
                            Instant startsAt, int durationMinutes, String location, String purpose, State state,
                            Instant dueAt, int scheduleSeq, Instant remindedFor) {

    public enum State { BOOKED, CANCELLED, WITHDRAWN }

    /** Whether the family has been reminded of the meeting at the time it now has. */
    public boolean remindedOfThisTime() {
        return startsAt.equals(remindedFor);
    }

    /**
     * Which telling of the meeting its reminder is, as delivery rows name it: the time is part of it, so
     * a rerun lands on the same rows and a meeting moved after its reminder is reminded again.
     */
    public String reminderOccasion() {
        return "reminder " + startsAt;
    }

    @Override
    public String toString() {
        return "BookedMeeting[" + meetingId + ", " + state + ", due " + dueAt + "]";
    }
}
