package dev.tandem.support.record;

import dev.tandem.api.announcement.AnnouncementBroadcast;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which children's records an event belongs to. Events name what they are about by convention (every
 * event in {@code api} follows it, and {@code RecordSubjectsTest} keeps it so): a {@code childId} names
 * the child; an {@code updateId} (a meeting's {@code meetingId}) without a child reaches the children the
 * update is about, narrowed to the event's {@code familyId} when it names one (a family's reply to an
 * announcement is in its own children's records, not in every family's); an announcement names its
 * children in its recipients. Events about a setting, a family or a carer alone belong to no child's record.
 * Runs inside the transaction that stores the events, so what it remembers about an update is there for
 * the next event about it.
 */
final class RecordSubjects {

    private static final ClassValue<Map<String, RecordComponent>> COMPONENTS = new ClassValue<>() {
        @Override
        protected Map<String, RecordComponent> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return Map.of();
            }
            return Stream.of(type.getRecordComponents())
                    .filter(component -> component.getType() == String.class)
                    .collect(Collectors.toUnmodifiableMap(RecordComponent::getName, component -> component));
        }
    };

    private final JdbcTemplate jdbc;

    RecordSubjects(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Set<String> childrenOf(Object payload) {
        if (payload instanceof AnnouncementBroadcast announcement) {
            Set<String> children = new LinkedHashSet<>();
            for (AnnouncementBroadcast.Recipient recipient : announcement.recipients()) {
                for (String childId : recipient.childIds()) {
                    remember(announcement.updateId(), childId, recipient.familyId(), false);
                    children.add(childId);
                }
            }
            return children;
        }
        String childId = component(payload, "childId");
        String updateId = component(payload, "updateId");
        if (updateId == null) {
            updateId = component(payload, "meetingId");
        }
        if (childId != null) {
            if (updateId != null) {
                remember(updateId, childId, component(payload, "familyId"), true);
            }
            return Set.of(childId);
        }
        if (updateId == null) {
            return Set.of();
        }
        String familyId = component(payload, "familyId");
        return Set.copyOf(familyId == null
                ? jdbc.queryForList("SELECT child_id FROM record_update_child WHERE update_id = ?", String.class,
                        updateId)
                : jdbc.queryForList("""
                                SELECT child_id FROM record_update_child
                                WHERE update_id = ? AND (family_id = ? OR family_id IS NULL)""", String.class,
                        updateId, familyId));
    }

    private void remember(String updateId, String childId, String familyId, boolean sole) {
        jdbc.update("""
                        INSERT INTO record_update_child (update_id, child_id, family_id, sole) VALUES (?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""", updateId, childId, familyId, sole);
    }

    static String component(Object payload, String name) {
        RecordComponent component = COMPONENTS.get(payload.getClass()).get(name);
        if (component == null) {
            return null;
        }
        try {
            return (String) component.getAccessor().invoke(payload);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + name + " of " + payload.getClass().getSimpleName(), e);
        }
    }
}
