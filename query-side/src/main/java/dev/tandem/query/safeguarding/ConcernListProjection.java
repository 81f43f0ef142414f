package dev.tandem.query.safeguarding;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.common.Role;
import dev.tandem.api.concern.ConcernActionRecorded;
import dev.tandem.api.concern.ConcernRecorded;
import dev.tandem.api.concern.ConcernStatus;
import dev.tandem.api.concern.FetchSettingConcerns;
import dev.tandem.api.concern.SettingConcerns;
import dev.tandem.api.family.FamilyErased;
import dev.tandem.api.setting.StaffMemberRegistered;
import dev.tandem.query.Erasure;
import dev.tandem.query.Mongo;
import dev.tandem.query.safeguarding.ConcernListDocuments.ActionPart;
import dev.tandem.query.safeguarding.ConcernListDocuments.ChildNameDocument;
import dev.tandem.query.safeguarding.ConcernListDocuments.ConcernDocument;
import dev.tandem.query.safeguarding.ConcernListDocuments.StaffDocument;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Each setting's safeguarding concerns for its designated safeguarding leads, and the only read model of
 * the query side that ever receives a concern. It has a processing group of its own, so no family view or
 * staff's everyday view shares its handlers, its lookups or its replays.
 *
 * <p>Idempotent: a concern is inserted once by its id; an action is added, and the status it sets applied,
 * only while the concern does not hold that action id yet; names are saved by child and staff id. A replay
 * or a redelivery therefore changes nothing twice. {@code overdue} is worked out when reading, against the
 * clock, so it needs no event to become true.
 */
@Component
@ProcessingGroup(SafeguardingConcernsGroup.NAME)
public class ConcernListProjection implements InitializingBean {

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    ConcernListProjection(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        Mongo.await(mongo.indexOps(ConcernDocument.class).createIndex(new Index()
                .on("settingId", Sort.Direction.ASC).on("recordedAt", Sort.Direction.DESC)
                .named("setting_newest_first")));
    }

    @EventHandler
    void on(ChildRegistered event) {
        Mongo.await(mongo.save(new ChildNameDocument(event.childId(), event.name())));
    }

    @EventHandler
    void on(StaffMemberRegistered event) {
        Mongo.await(mongo.save(new StaffDocument(event.staffId(), event.name(), event.settingId(),
                event.roles() == null ? Set.of() : Set.copyOf(event.roles()))));
    }

    /** About a child of an erased family, the text reads as erased here too (see {@link #on(FamilyErased)}). */
    @EventHandler
    void on(ConcernRecorded event) {
        String text = isErased(event.childId()) ? Erasure.erased(event.text()) : event.text();
        try {
            Mongo.await(mongo.insert(new ConcernDocument(event.concernId(), event.settingId(), event.childId(),
                    event.category(), text, event.recordedBy(), event.recordedAt(), ConcernStatus.OPEN,
                    List.of())));
        } catch (DuplicateKeyException alreadyProjected) {
            // a replay or redelivery: the concern is there already, perhaps with actions and closed since
        }
    }

    /**
     * Added with the status it sets in one write, and only once: a redelivered CLOSED cannot undo a later
     * REOPENED. About a child of an erased family, the note reads as erased.
     */
    @EventHandler
    void on(ConcernActionRecorded event) {
        String note = isErased(event.childId()) ? Erasure.erased(event.note()) : event.note();
        Update update = new Update().push("actions", new ActionPart(event.actionId(), event.action(), note,
                event.recordedBy(), event.recordedAt()));
        switch (event.action()) {
            case CLOSED -> update.set("status", ConcernStatus.CLOSED);
            case REOPENED -> update.set("status", ConcernStatus.OPEN);
            default -> {
                // the other actions leave the concern as open or closed as it was
            }
        }
        Mongo.await(mongo.updateFirst(Query.query(where("_id").is(event.concernId())
                .and("actions.actionId").ne(event.actionId())), update, ConcernDocument.class));
    }

    /**
     * The erased family's children's names, and what their concerns say, read as erased in this list; a
     * retained record stays readable, by DSLs and managers, in the child's safeguarding history only (which
     * reads the event store under the child's retention key). What is recorded about them later reads as
     * erased here too. Erasing what is erased already changes nothing.
     */
    @EventHandler
    void on(FamilyErased event) {
        event.childIds().forEach(childId -> Mongo.await(mongo.save(new ChildNameDocument(childId, Erasure.ERASED))));
        Mongo.await(mongo.find(Query.query(where("childId").in(event.childIds())), ConcernDocument.class)
                .filter(concern -> !concern.equals(concern.erased()))
                .concatMap(concern -> mongo.save(concern.erased()))
                .then());
    }

    @ResetHandler
    void reset() {
        Mongo.await(Mono.when(mongo.dropCollection(ConcernDocument.class), mongo.dropCollection(ChildNameDocument.class),
                mongo.dropCollection(StaffDocument.class)));
        afterPropertiesSet();
    }

    /** Newest first; {@code status} null lists open and closed alike. */
    @QueryHandler
    CompletableFuture<SettingConcerns> handle(FetchSettingConcerns query) {
        Criteria criteria = where("settingId").is(query.settingId());
        if (query.status() != null) {
            criteria = criteria.and("status").is(query.status());
        }
        Query newestFirst = Query.query(criteria).with(Sort.by(Sort.Order.desc("recordedAt"), Sort.Order.desc("_id")));
        return mongo.find(newestFirst, ConcernDocument.class)
                .collectList()
                .flatMap(concerns -> Mono.zip(childNames(concerns), staffNames(concerns))
                        .map(names -> {
                            Instant now = clock.instant();
                            return new SettingConcerns(concerns.stream()
                                    .map(concern -> concern.toConcern(names.getT1(), names.getT2(), now))
                                    .toList());
                        }))
                .toFuture();
    }

    private boolean isErased(String childId) {
        ChildNameDocument child = Mongo.await(mongo.findById(childId, ChildNameDocument.class));
        return child != null && child.erased();
    }

    /** Whether this staff member is, by what they were registered with, a DSL of this setting. */
    Mono<Boolean> isSafeguardingLeadOf(String staffId, String settingId) {
        return mongo.findById(staffId, StaffDocument.class)
                .map(staff -> settingId.equals(staff.settingId()) && staff.roles() != null
                        && staff.roles().contains(Role.DSL))
                .defaultIfEmpty(false);
    }

    private Mono<Map<String, String>> childNames(List<ConcernDocument> concerns) {
        Set<String> ids = concerns.stream().map(ConcernDocument::childId).collect(Collectors.toSet());
        return names(ids, ChildNameDocument.class, ChildNameDocument::id, ChildNameDocument::name);
    }

    private Mono<Map<String, String>> staffNames(List<ConcernDocument> concerns) {
        Set<String> ids = concerns.stream()
                .flatMap(concern -> Stream.concat(Stream.of(concern.recordedBy()),
                        concern.actions() == null ? Stream.empty() : concern.actions().stream().map(ActionPart::by)))
                .collect(Collectors.toSet());
        return names(ids, StaffDocument.class, StaffDocument::id, StaffDocument::name);
    }

    /** Unknown ids are left out, so they read as a null name. */
    private <D> Mono<Map<String, String>> names(Set<String> ids, Class<D> type, Function<D, String> id,
                                                Function<D, String> name) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return mongo.find(Query.query(where("_id").in(ids)), type)
                .collectMap(id, name);
    }
}
