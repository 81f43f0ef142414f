package dev.tandem.query.directory;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** Names and memberships the family views need to show and to decide who may read them. */
public final class DirectoryDocuments {

    private DirectoryDocuments() {
    }

    @Document("directory_children")
    public record ChildDocument(@Id String id, String name, String familyId, String settingId, String keyPersonId) {
    }

    @Document("directory_staff")
    public record StaffDocument(@Id String id, String name, String settingId) {
    }

    /**
     * A family's setting, which decides which staff may read its timeline; {@code erasedAt} is set once
     * the family is erased, when its carers may read nothing more (its staff still see the erased entries).
     */
    @Document("directory_families")
    public record FamilyDocument(@Id String id, String settingId, Instant erasedAt) {

        public boolean erased() {
            return erasedAt != null;
        }
    }

    /** The language a carer reads in (BCP 47, as they last stated it): their timeline is shown in it. */
    @Document("directory_carers")
    public record CarerDocument(@Id String id, String familyId, String language) {
    }

    /** A carer barred from a child; keyed by carer and child, so restricting twice stores one row. */
    @Document("directory_restrictions")
    public record RestrictionDocument(@Id String id, String carerId, String childId, String familyId) {
    }

    /**
     * Where an update came from: kept after a withdrawal, so that staff can still see how it was
     * delivered, and shared by an announcement's many timeline entries.
     */
    @Document("directory_updates")
    public record UpdateDocument(@Id String id, String settingId, String authorId) {
    }
}
