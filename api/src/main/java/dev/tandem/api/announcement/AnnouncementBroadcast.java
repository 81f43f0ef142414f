package dev.tandem.api.announcement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * An announcement went to a room's families ({@code roomId} set) or the whole setting ({@code roomId}
 * null). The recipients are fixed when it is broadcast: each family once, with the children through
 * whom it reaches them (a carer restricted from all of those children is not told). {@code urgent}
 * announcements are sent even in a carer's quiet hours.
 */
@Revision("1")
public record AnnouncementBroadcast(String updateId, String settingId, String roomId, String authorId, String title,
                                    String text, LocalDate eventDate, boolean urgent, List<Recipient> recipients,
                                    Instant broadcastAt) {

    public record Recipient(String familyId, Set<String> childIds) {
    }
}
