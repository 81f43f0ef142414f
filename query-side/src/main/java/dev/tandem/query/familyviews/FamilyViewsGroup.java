package dev.tandem.query.familyviews;

import dev.tandem.query.ReadModelGroup;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The processing group of the family views: the timeline, the staff inbox and the lookups they read
 * (children, staff, families, restrictions, updates). They share one group so that a child is known
 * before the first update about them is projected, and an update before the first reply to it. The group
 * has a package of its own because it belongs to none of those three.
 */
@Component
public final class FamilyViewsGroup extends ReadModelGroup {

    public static final String NAME = "family-views";

    /**
     * The shape this group stores in all its collections. 2: entries carry {@code updateId}, one
     * announcement document per family, directory updates and restrictions. 3: entries carry
     * {@code changeSequence}; withdrawals and access changes are kept for resuming streams. 4: a family's
     * erasure erases it from the timeline, the inbox and the lookups and marks the lookups' family
     * {@code erasedAt} (a FamilyErased taken before this was ignored, leaving its plain text). 5: entries
     * carry {@code translations} and their replies translations for staff, inbox items theirs; the lookups keep each carer's language ({@code directory_carers}).
     */
    public static final int VERSION = 5;

    FamilyViewsGroup() {
        super(NAME, VERSION, Set.of(
                "timeline_entries", "timeline_withdrawals", "timeline_access_changes", "timeline_sequence",
                "inbox_items",
                "directory_children", "directory_staff", "directory_families", "directory_restrictions",
                "directory_updates", "directory_carers"));
    }
}
