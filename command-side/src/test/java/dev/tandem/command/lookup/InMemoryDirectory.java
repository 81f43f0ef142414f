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

/** The directory as aggregate tests need it: filled by the test, read by the rules under test. */
public class InMemoryDirectory implements Directory {

    private final Set<String> settings = new HashSet<>();
    private final Map<String, StaffEntry> staff = new HashMap<>();
    private final Map<String, String> rooms = new HashMap<>();
    private final Map<String, String> families = new HashMap<>();
    private final Map<String, CarerEntry> carers = new HashMap<>();
    private final Map<String, String> phones = new HashMap<>();
    private final Map<String, ChildEntry> children = new HashMap<>();
    private final List<SmsSent> smsSent = new ArrayList<>();
    private final Set<String> restrictions = new HashSet<>();
    private final Map<String, String> languages = new HashMap<>();

    public InMemoryDirectory setting(String settingId) {
        settings.add(settingId);
        return this;
    }

    public InMemoryDirectory staff(StaffEntry entry) {
        staff.put(entry.staffId(), entry);
        return this;
    }

    public InMemoryDirectory room(String roomId, String settingId) {
        rooms.put(roomId, settingId);
        return this;
    }

    public InMemoryDirectory family(String familyId, String settingId) {
        families.put(familyId, settingId);
        return this;
    }

    public InMemoryDirectory carer(CarerEntry entry, String phone) {
        carers.put(entry.carerId(), entry);
        if (phone != null) {
            phones.put(phone, entry.carerId());
        }
        return this;
    }

    public InMemoryDirectory child(ChildEntry entry) {
        children.put(entry.childId(), entry);
        return this;
    }

    public InMemoryDirectory language(String carerId, String tag) {
        languages.put(carerId, tag);
        return this;
    }

    public InMemoryDirectory restricted(String childId, String carerId) {
        restrictions.add(childId + "/" + carerId);
        return this;
    }

    public InMemoryDirectory smsSent(String carerId, String updateId, Instant at) {
        smsSent.add(new SmsSent(carerId, updateId, at));
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

    private record SmsSent(String carerId, String updateId, Instant at) {
    }
}
