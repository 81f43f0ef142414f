package dev.tandem.api.concern;

import java.time.Instant;
import java.util.List;

/** A setting's concerns, newest first, each with its actions oldest first. */
public record SettingConcerns(List<Concern> concerns) {

    public SettingConcerns {
        concerns = List.copyOf(concerns);
    }

    public record Concern(String id, String childId, String childName, ConcernCategory category, String text,
                          Person recordedBy, Instant recordedAt, ConcernStatus status, boolean overdue,
                          List<Action> actions) {
        public Concern {
            actions = List.copyOf(actions);
        }
    }

    public record Action(String id, ConcernAction action, String note, Person by, Instant at) {
    }

    public record Person(String id, String name) {
    }
}
