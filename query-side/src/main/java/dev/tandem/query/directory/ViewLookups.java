package dev.tandem.query.directory;

import dev.tandem.api.announcement.AnnouncementBroadcast;
import dev.tandem.api.child.CarerRestricted;
import dev.tandem.api.child.CarerRestrictionLifted;
import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.child.FetchKeyChildren;
import dev.tandem.api.child.KeyChildren;
import dev.tandem.api.family.CarerJoinedFamily;
import dev.tandem.api.family.CarerPreferencesChanged;
import dev.tandem.api.family.FamilyErased;
import dev.tandem.api.family.FamilyRegistered;
import dev.tandem.api.feedback.FeedbackGiven;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.setting.StaffMemberRegistered;
import dev.tandem.query.Mongo;
import dev.tandem.query.directory.DirectoryDocuments.CarerDocument;
import dev.tandem.query.directory.DirectoryDocuments.ChildDocument;
import dev.tandem.query.directory.DirectoryDocuments.FamilyDocument;
import dev.tandem.query.directory.DirectoryDocuments.RestrictionDocument;
import dev.tandem.query.directory.DirectoryDocuments.StaffDocument;
import dev.tandem.query.directory.DirectoryDocuments.UpdateDocument;
import dev.tandem.query.familyviews.FamilyViewsGroup;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The query side's lookups, kept from events: a child's name, family and key person, a staff member's
 * name and setting, a family's setting and whether it was erased, each carer's language, the children a
 * carer is barred from,
 * and an update's setting and author. The timeline and the inbox read them for names and for routing,
 * {@link ReadAccess} for its checks; a key person's list of key children is answered from them. They
 * are in the family views' processing group ({@link FamilyViewsGroup}) with the timeline and the inbox,
 * so that a child is known before the first update about them is projected, and an update before the
 * first reply to it.
 */
@Component
@ProcessingGroup(FamilyViewsGroup.NAME)
public class ViewLookups {

    private final ReactiveMongoTemplate mongo;

    public ViewLookups(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    public void on(ChildRegistered event) {
        Mongo.await(mongo.save(new ChildDocument(event.childId(), event.name(), event.familyId(), event.settingId(),
                event.keyPersonId())));
    }

    @EventHandler
    public void on(StaffMemberRegistered event) {
        Mongo.await(mongo.save(new StaffDocument(event.staffId(), event.name(), event.settingId())));
    }

    @EventHandler
    public void on(CarerJoinedFamily event) {
        Mongo.await(mongo.save(new CarerDocument(event.carerId(), event.familyId(), event.preferredLanguage())));
    }

    @EventHandler
    public void on(CarerPreferencesChanged event) {
        Mongo.await(mongo.save(new CarerDocument(event.carerId(), event.familyId(), event.preferredLanguage())));
    }

    @EventHandler
    public void on(FamilyRegistered event) {
        Mongo.await(mongo.save(new FamilyDocument(event.familyId(), event.settingId(), null)));
    }

    /**
     * Nothing personal of the family stays: its children (names, and which key person has them) and its
     * carers' restrictions (that a carer was barred from a child) are deleted. The family itself is kept,
     * marked erased, so that its setting's staff may still read its erased timeline and its carers may not.
     */
    @EventHandler
    public void on(FamilyErased event) {
        Mongo.await(mongo.remove(Query.query(new Criteria().orOperator(
                Criteria.where("familyId").is(event.familyId()), Criteria.where("_id").in(event.childIds()))),
                ChildDocument.class));
        Mongo.await(mongo.remove(Query.query(new Criteria().orOperator(
                Criteria.where("familyId").is(event.familyId()), Criteria.where("carerId").in(event.carerIds()))),
                RestrictionDocument.class));
        Mongo.await(mongo.remove(Query.query(Criteria.where("familyId").is(event.familyId())), CarerDocument.class));
        Mongo.await(mongo.upsert(Query.query(Criteria.where("_id").is(event.familyId())),
                new Update().set("erasedAt", event.erasedAt()).setOnInsert("settingId", event.settingId()),
                FamilyDocument.class));
    }

    @EventHandler
    public void on(CarerRestricted event) {
        Mongo.await(mongo.save(new RestrictionDocument(restrictionId(event.carerId(), event.childId()),
                event.carerId(), event.childId(), event.familyId())));
    }

    @EventHandler
    public void on(CarerRestrictionLifted event) {
        Mongo.await(mongo.remove(Query.query(Criteria.where("_id").is(restrictionId(event.carerId(), event.childId()))),
                RestrictionDocument.class));
    }

    @EventHandler
    public void on(ObservationShared event) {
        saveUpdate(event.updateId(), event.settingId(), event.authorId());
    }

    @EventHandler
    public void on(MeetingBooked event) {
        saveUpdate(event.meetingId(), event.settingId(), event.authorId());
    }

    @EventHandler
    public void on(FeedbackGiven event) {
        saveUpdate(event.updateId(), event.settingId(), event.authorId());
    }

    @EventHandler
    public void on(AnnouncementBroadcast event) {
        saveUpdate(event.updateId(), event.settingId(), event.authorId());
    }

    @ResetHandler
    void reset() {
        Mongo.await(Mono.when(mongo.dropCollection(ChildDocument.class), mongo.dropCollection(StaffDocument.class),
                mongo.dropCollection(FamilyDocument.class), mongo.dropCollection(RestrictionDocument.class),
                mongo.dropCollection(UpdateDocument.class), mongo.dropCollection(CarerDocument.class)));
    }

    @QueryHandler
    public CompletableFuture<KeyChildren> handle(FetchKeyChildren query) {
        return mongo.find(Query.query(Criteria.where("keyPersonId").is(query.staffId()))
                                .with(Sort.by("name", "_id")), ChildDocument.class)
                .map(child -> new KeyChildren.Child(child.id(), child.name(), child.familyId()))
                .collectList()
                .map(KeyChildren::new)
                .toFuture();
    }

    public Mono<ChildDocument> child(String childId) {
        return mongo.findById(childId, ChildDocument.class);
    }

    public Mono<StaffDocument> staff(String staffId) {
        return mongo.findById(staffId, StaffDocument.class);
    }

    public Mono<FamilyDocument> family(String familyId) {
        return mongo.findById(familyId, FamilyDocument.class);
    }

    public Mono<UpdateDocument> update(String updateId) {
        return mongo.findById(updateId, UpdateDocument.class);
    }

    /** The children this carer is barred from (empty for staff, who have no carer id). */
    /** The language the carer reads in, or empty (staff, or a carer not yet known). */
    public Mono<String> languageOf(String carerId) {
        return carerId == null ? Mono.empty() : mongo.findById(carerId, CarerDocument.class)
                .mapNotNull(CarerDocument::language);
    }

    public Mono<Set<String>> childrenRestrictedFor(String carerId) {
        if (carerId == null) {
            return Mono.just(Set.of());
        }
        return mongo.find(Query.query(Criteria.where("carerId").is(carerId)), RestrictionDocument.class)
                .map(RestrictionDocument::childId)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** For each carer of the family who is barred from any child, the children they are barred from. */
    public Mono<Map<String, Set<String>>> restrictionsInFamily(String familyId) {
        return mongo.find(Query.query(Criteria.where("familyId").is(familyId)), RestrictionDocument.class)
                .collect(Collectors.groupingBy(RestrictionDocument::carerId,
                        Collectors.mapping(RestrictionDocument::childId, Collectors.toUnmodifiableSet())));
    }

    private void saveUpdate(String updateId, String settingId, String authorId) {
        Mongo.await(mongo.save(new UpdateDocument(updateId, settingId, authorId)));
    }

    private static String restrictionId(String carerId, String childId) {
        return carerId + ":" + childId;
    }
}
