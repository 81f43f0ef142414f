package dev.tandem.platform.crash;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A room of four families set up through the public API, as the operator and a manager would: each family
 * has a carer told by SMS (email second) and one told by email, and one child in the room, whose key
 * person is Kira. Phone numbers are from Ofcom's drama range.
 */
record FourFamilies(String managerToken, String keyPersonToken, String roomId, List<Family> families) {

    record Carer(String id, String phone, String email) {
    }

    record Family(String id, String childId, Carer smsCarer, Carer emailCarer) {

        List<Carer> carers() {
            return List.of(smsCarer, emailCarer);
        }
    }

    static FourFamilies setUp(PlatformApi api, String run) throws IOException, InterruptedException {
        String admin = api.signIn("admin", "admin");
        String settingId = api.create(admin, "/api/settings",
                Map.of("name", "Little Acorns " + run, "timeZone", "Europe/London", "defaultLanguage", "en"));
        api.create(admin, "/api/settings/" + settingId + "/staff", Map.of("name", "Maya Manager",
                "email", "maya-" + run + "@acorns.example", "password", "manager-pass-1", "roles", List.of("MANAGER")));
        String manager = api.signIn("maya-" + run + "@acorns.example", "manager-pass-1");
        String keyPersonId = api.create(manager, "/api/settings/" + settingId + "/staff", Map.of("name", "Kira Key",
                "email", "kira-" + run + "@acorns.example", "password", "keyperson-pass-1", "roles", List.of("KEY_PERSON")));
        String roomId = api.create(manager, "/api/settings/" + settingId + "/rooms", Map.of("name", "Caterpillars"));
        List<Family> families = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String phone = "+44770090050" + i;
            String smsEmail = "parent-a" + i + "-" + run + "@example.com";
            String emailEmail = "parent-b" + i + "-" + run + "@example.com";
            JsonNode family = api.ok(api.post("/api/settings/" + settingId + "/families", manager, Map.of(
                    "name", "Family " + i,
                    "carers", List.of(
                            Map.of("name", "Ania " + i, "relationship", "mother", "email", smsEmail, "phone", phone,
                                    "password", "carer-pass-1", "preferredLanguage", "en", "channels", List.of("SMS", "EMAIL")),
                            Map.of("name", "Tom " + i, "relationship", "father", "email", emailEmail,
                                    "password", "carer-pass-2", "preferredLanguage", "en", "channels", List.of("EMAIL"))))),
                    "creating family " + i);
            String familyId = family.get("id").asString();
            String childId = api.create(manager, "/api/settings/" + settingId + "/children", Map.of("name", "Child " + i,
                    "dateOfBirth", "2023-03-1" + i, "familyId", familyId, "roomId", roomId, "keyPersonId", keyPersonId));
            families.add(new Family(familyId, childId,
                    new Carer(family.get("carerIds").get(0).asString(), phone, smsEmail),
                    new Carer(family.get("carerIds").get(1).asString(), null, emailEmail)));
        }
        return new FourFamilies(manager, api.signIn("kira-" + run + "@acorns.example", "keyperson-pass-1"), roomId,
                List.copyOf(families));
    }
}
