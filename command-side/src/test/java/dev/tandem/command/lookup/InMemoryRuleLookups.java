package dev.tandem.command.lookup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The rule lookups as aggregate tests need them: filled by the test, read by the rules under test. */
public class InMemoryRuleLookups implements RuleLookups {

    private final Set<String> settings = new HashSet<>();
    private final Map<String, String> defaultLanguages = new HashMap<>();
    private final Map<String, StaffEntry> staff = new HashMap<>();
    private final Map<String, String> rooms = new HashMap<>();
    private final Map<String, String> families = new HashMap<>();
    private final Map<String, CarerEntry> carers = new HashMap<>();
    private final Map<String, String> phones = new HashMap<>();
    private final Map<String, ChildEntry> children = new HashMap<>();
    private final List<SmsSent> smsSent = new ArrayList<>();
    private final Set<String> restrictions = new HashSet<>();
    private final Map<String, String> languages = new HashMap<>();
    private final Map<String, Meeting> meetings = new HashMap<>();
    private final Map<String, UpdateEntry> updates = new HashMap<>();
    private final Map<String, String> replies = new HashMap<>();
    private final Map<String, String> concerns = new HashMap<>();

    public InMemoryRuleLookups setting(String settingId) {
        settings.add(settingId);
        return this;
    }

    public InMemoryRuleLookups staff(StaffEntry entry) {
        staff.put(entry.staffId(), entry);
        return this;
    }

    public InMemoryRuleLookups room(String roomId, String settingId) {
        rooms.put(roomId, settingId);
        return this;
    }

    public InMemoryRuleLookups family(String familyId, String settingId) {
        families.put(familyId, settingId);
        return this;
    }

    public InMemoryRuleLookups carer(CarerEntry entry, String phone) {
        carers.put(entry.carerId(), entry);
        if (phone != null) {
            phones.put(phone, entry.carerId());
        }
        return this;
    }

    public InMemoryRuleLookups child(ChildEntry entry) {
        children.put(entry.childId(), entry);
        return this;
    }

    public InMemoryRuleLookups language(String carerId, String tag) {
        languages.put(carerId, tag);
        return this;
    }

    public InMemoryRuleLookups restricted(String childId, String carerId) {
        restrictions.add(childId + "/" + carerId);
        return this;
    }

    public InMemoryRuleLookups smsSent(String carerId, String updateId, Instant at) {
        smsSent.add(new SmsSent(carerId, updateId, at));
        return this;
    }

    /** A BOOKED meeting of the key person from {@code startsAt} to {@code endsAt}. */
    public InMemoryRuleLookups meeting(String meetingId, String keyPersonId, Instant startsAt, Instant endsAt) {
        meetings.put(meetingId, new Meeting(keyPersonId, startsAt, endsAt));
        return this;
    }

    public InMemoryRuleLookups update(UpdateEntry entry) {
        updates.put(entry.updateId(), entry);
        return this;
    }

    public InMemoryRuleLookups reply(String replyId, String familyId) {
        replies.put(replyId, familyId);
        return this;
    }

    @Override
    public boolean settingExists(String settingId) {
        return settings.contains(settingId);
    }

    @Override
    public Optional<StaffEntry> staff(String staffId) {
        return Optional.ofNullable(staff.get(staffId));
    }

    @Override
    public Optional<String> settingOfRoom(String roomId) {
        return Optional.ofNullable(rooms.get(roomId));
    }

    @Override
    public Optional<String> settingOfFamily(String familyId) {
        return Optional.ofNullable(families.get(familyId));
    }

    @Override
    public Optional<CarerEntry> carer(String carerId) {
        return Optional.ofNullable(carers.get(carerId));
    }

    @Override
    public Optional<CarerEntry> carerByPhone(String phone) {
        return Optional.ofNullable(phones.get(phone)).map(carers::get);
    }

    @Override
    public Optional<String> preferredLanguageOf(String carerId) {
        return Optional.ofNullable(languages.get(carerId));
    }

    @Override
    public Optional<String> defaultLanguageOf(String settingId) {
        return Optional.ofNullable(defaultLanguages.get(settingId));
    }

    /** The setting's default language, as its SettingCreated said. */
    public InMemoryRuleLookups defaultLanguage(String settingId, String language) {
        defaultLanguages.put(settingId, language);
        return this;
    }

    @Override
    public Optional<ChildEntry> child(String childId) {
        return Optional.ofNullable(children.get(childId));
    }

    @Override
    public Optional<ChildEntry> youngestChildOf(String familyId) {
        return children.values().stream().filter(child -> child.familyId().equals(familyId))
                .max(Comparator.comparing(ChildEntry::dateOfBirth));
    }

    @Override
    public boolean isRestricted(String childId, String carerId) {
        return restrictions.contains(childId + "/" + carerId);
    }

    @Override
    public Optional<String> latestUpdateSentBySms(String carerId, Instant now, Duration window) {
        return smsSent.stream()
                .filter(sent -> sent.carerId().equals(carerId) && !sent.at().isBefore(now.minus(window)))
                .max(Comparator.comparing(SmsSent::at))
                .map(SmsSent::updateId);
    }

    @Override
    public List<ChildEntry> childrenInRoom(String roomId) {
        return children.values().stream().filter(child -> child.roomId().equals(roomId)).toList();
    }

    @Override
    public List<ChildEntry> childrenInSetting(String settingId) {
        return children.values().stream().filter(child -> child.settingId().equals(settingId)).toList();
    }

    @Override
    public boolean hasOverlappingMeeting(String keyPersonId, Instant startsAt, Instant endsAt,
                                         String excludedMeetingId) {
        return meetings.entrySet().stream()
                .filter(entry -> !entry.getKey().equals(excludedMeetingId))
                .map(Map.Entry::getValue)
                .anyMatch(meeting -> meeting.keyPersonId().equals(keyPersonId)
                        && meeting.startsAt().isBefore(endsAt) && meeting.endsAt().isAfter(startsAt));
    }

    @Override
    public Optional<UpdateEntry> update(String updateId) {
        return Optional.ofNullable(updates.get(updateId));
    }

    @Override
    public Optional<String> childOfConcern(String concernId) {
        return Optional.ofNullable(concerns.get(concernId));
    }

    public InMemoryRuleLookups concern(String concernId, String childId) {
        concerns.put(concernId, childId);
        return this;
    }

    @Override
    public Optional<String> familyOfReply(String replyId) {
        return Optional.ofNullable(replies.get(replyId));
    }

    private record Meeting(String keyPersonId, Instant startsAt, Instant endsAt) {
    }

    private record SmsSent(String carerId, String updateId, Instant at) {
    }
}
