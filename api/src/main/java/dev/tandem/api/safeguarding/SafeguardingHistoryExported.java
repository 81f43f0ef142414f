package dev.tandem.api.safeguarding;

import dev.tandem.api.common.PersonalData;
import dev.tandem.api.common.Role;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A DSL or manager downloaded the child's safeguarding history; recorded before the download is served. */
@Revision("1")
public record SafeguardingHistoryExported(String exportId, String childId, String settingId, String exporterId,
                                          Role role, String format, @PersonalData(of = PersonalData.Subject.CHILD) String reason, HistoryQuery query,
                                          Instant exportedAt) {
}
