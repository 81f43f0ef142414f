package dev.tandem.api.safeguarding;

import dev.tandem.api.common.PersonalData;
import dev.tandem.api.common.Role;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A DSL or manager read the child's safeguarding history, in the role {@code role}, for {@code reason}.
 * Recorded before the history is shown; it is part of the child's record, so later reviews see it.
 */
@Revision("1")
public record SafeguardingHistoryViewed(String viewId, String childId, String settingId, String viewerId, Role role,
                                        @PersonalData(of = PersonalData.Subject.CHILD) String reason, HistoryQuery query, Instant viewedAt) {
}
