package dev.tandem.api.family;

import dev.tandem.api.common.PersonalData;
import org.axonframework.serialization.Revision;

@Revision("1")
public record FamilyRegistered(String familyId, String settingId, @PersonalData String name, String registeredBy) {
}
