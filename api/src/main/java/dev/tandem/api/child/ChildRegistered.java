package dev.tandem.api.child;

import dev.tandem.api.common.PersonalData;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ChildRegistered(String childId, String settingId, String familyId, String roomId,
                              String keyPersonId, @PersonalData String name,
                              @PersonalData LocalDate dateOfBirth, String registeredBy) {
}
