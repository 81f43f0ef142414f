package dev.tandem.query.timeline;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.timeline.FetchFamilyTimeline;
import dev.tandem.api.timeline.TimelineEntry;
import dev.tandem.api.timeline.TimelinePage;
import dev.tandem.query.Mongo;
import dev.tandem.query.directory.DirectoryDocuments.ChildDocument;
import dev.tandem.query.directory.DirectoryDocuments.StaffDocument;
import dev.tandem.query.directory.QueryDirectory;
import dev.tandem.query.timeline.TimelineEntryDocument.ReplyPart;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
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
 * Each family's timeline: one document per update, newest first, with the carers' replies under it.
 * Handlers are idempotent (insert-once by update id, replies pushed once by reply id), so a replay
 * or a redelivery changes nothing twice. Every new or changed entry is emitted to live subscribers.
 */
@Component
@ProcessingGroup(TimelineProjection.PROCESSING_GROUP)
public class TimelineProjection implements InitializingBean {

    public static final String PROCESSING_GROUP = "family-views";

    private final ReactiveMongoTemplate mongo;
    private final QueryDirectory directory;
    private final QueryUpdateEmitter emitter;

    TimelineProjection(ReactiveMongoTemplate mongo, QueryDirectory directory, QueryUpdateEmitter emitter) {
        this.mongo = mongo;
        this.directory = directory;
        this.emitter = emitter;
    }

    @Override
    public void afterPropertiesSet() {
        Mongo.await(mongo.indexOps(TimelineEntryDocument.class).createIndex(new Index()
                .on("familyId", Sort.Direction.ASC).on("occurredAt", Sort.Direction.DESC).on("_id", Sort.Direction.DESC)
                .named("family_newest_first")));
    }

    @EventHandler
    void on(ObservationShared event) {
        ChildDocument child = Mongo.await(directory.child(event.childId()));
        StaffDocument author = Mongo.await(directory.staff(event.authorId()));
        TimelineEntryDocument entry = new TimelineEntryDocument(event.updateId(), event.familyId(), event.settingId(),
                event.childId(), child == null ? null : child.name(), TimelineEntry.EntryType.OBSERVATION,
                event.authorId(), author == null ? null : author.name(), event.sharedAt(), null, event.text(),
                event.areas(), event.nextSteps(), List.of(), List.of());
        try {
            Mongo.await(mongo.insert(entry));
            emit(entry);
        } catch (DuplicateKeyException alreadyProjected) {
            // a replay or redelivery: the entry is there already
        }
    }

    @EventHandler
    void on(ParentReplied event) {
        if (event.updateId() == null) {
            return; // a message to the key person, not an answer to an entry: it goes to the inbox only
        }
        ReplyPart reply = new ReplyPart(event.replyId(), event.carerId(), event.text(), event.channel().name(),
                event.receivedAt());
        Query notYetThere = Query.query(where("_id").is(event.updateId()).and("replies.id").ne(event.replyId()));
        long changed = Mongo.await(mongo.updateFirst(notYetThere, new Update().push("replies", reply),
                TimelineEntryDocument.class)).getModifiedCount();
        if (changed > 0) {
            TimelineEntryDocument entry = Mongo.await(mongo.findById(event.updateId(), TimelineEntryDocument.class));
            if (entry != null) {
                emit(entry);
            }
        }
    }

    @ResetHandler
    void reset() {
        Mongo.await(mongo.dropCollection(TimelineEntryDocument.class));
        afterPropertiesSet();
    }

    @QueryHandler
    CompletableFuture<TimelinePage> handle(FetchFamilyTimeline query) {
        Criteria criteria = where("familyId").is(query.familyId());
        Cursor.decode(query.before()).ifPresent(cursor -> criteria.orOperator(
                where("occurredAt").lt(cursor.occurredAt()),
                where("occurredAt").is(cursor.occurredAt()).and("_id").lt(cursor.id())));
        Query page = Query.query(criteria)
                .with(Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("_id")))
                .limit(query.limit() + 1);
        return mongo.find(page, TimelineEntryDocument.class)
                .collectList()
                .map(found -> {
                    boolean more = found.size() > query.limit();
                    List<TimelineEntryDocument> entries = more ? found.subList(0, query.limit()) : found;
                    String next = more ? new Cursor(entries.get(entries.size() - 1).occurredAt(),
                            entries.get(entries.size() - 1).id()).encode() : null;
                    return new TimelinePage(entries.stream().map(TimelineEntryDocument::toEntry).toList(), next);
                })
                .toFuture();
    }

    /** The setting an update belongs to, for deciding which staff may see how it was delivered. */
    public Mono<String> settingOfUpdate(String updateId) {
        return mongo.findById(updateId, TimelineEntryDocument.class).map(TimelineEntryDocument::settingId);
    }

    private void emit(TimelineEntryDocument entry) {
        emitter.emit(FetchFamilyTimeline.class, query -> query.familyId().equals(entry.familyId()), entry.toEntry());
    }

}
