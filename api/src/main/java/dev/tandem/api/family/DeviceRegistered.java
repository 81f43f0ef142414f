package dev.tandem.api.family;

import dev.tandem.api.common.PersonalData;
import org.axonframework.serialization.Revision;

/** A carer's phone or browser can now receive app notifications. */
@Revision("1")
public record DeviceRegistered(String familyId, String carerId, @PersonalData(of = PersonalData.Subject.CARER) String token,
                               DevicePlatform platform) {
}
