package dev.tandem.api.family;

import dev.tandem.api.common.Channel;
import dev.tandem.api.common.PersonalData;
import dev.tandem.api.common.QuietHours;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A parent or guardian became a carer of a family, with how they want to be told about their children. */
@Revision("1")
public record CarerJoinedFamily(String familyId, String settingId, String carerId, @PersonalData(of = PersonalData.Subject.CARER) String name,
                                @PersonalData(of = PersonalData.Subject.CARER) String relationship, @PersonalData(of = PersonalData.Subject.CARER) String email,
                                @PersonalData(of = PersonalData.Subject.CARER) String phone, String preferredLanguage, List<Channel> channels,
                                QuietHours quietHours) {
}
