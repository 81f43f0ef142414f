package dev.tandem.query.directory;

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

    @Document("directory_families")
    public record FamilyDocument(@Id String id, String settingId) {
    }
}
