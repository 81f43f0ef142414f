package dev.tandem.api.family;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The carer asked for SMS again after opting out. */
@Revision("1")
public record CarerOptedInToSms(String familyId, String settingId, String carerId, Instant optedInAt) {
}
