package dev.tandem.api.family;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The carer asked for no more SMS; their other channels and their stated order are unchanged. */
@Revision("1")
public record CarerOptedOutOfSms(String familyId, String settingId, String carerId, Instant optedOutAt) {
}
