package dev.tandem.query.timeline;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.tandem.api.announcement.AnnouncementBroadcast;
import dev.tandem.api.child.CarerRestricted;
import dev.tandem.api.feedback.FeedbackGiven;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.meeting.MeetingCancelled;
import dev.tandem.api.meeting.MeetingRescheduled;
import dev.tandem.api.meeting.MeetingStatus;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.timeline.FetchFamilyTimeline;
import dev.tandem.api.timeline.TimelineEntry;
import dev.tandem.api.timeline.TimelineEntry.EntryType;
import dev.tandem.api.timeline.TimelinePage;
import dev.tandem.api.update.FetchUpdate;
import dev.tandem.api.update.UpdateAcknowledged;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.query.Mongo;
import dev.tandem.query.directory.DirectoryDocuments.ChildDocument;
import dev.tandem.query.directory.DirectoryDocuments.StaffDocument;
import dev.tandem.query.directory.QueryDirectory;
import dev.tandem.query.timeline.TimelineEntryDocument.MeetingPart;
import dev.tandem.query.timeline.TimelineEntryDocument.ReplyPart;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/**
 * Each family's timeline, newest first: one document per update and family, with that family's
 * replies and acknowledgements under it. Handlers are idempotent (insert-once by document id, replies
 * and acknowledgements added once, changes set to the event's values), so a replay or a redelivery
 * changes nothing twice. A withdrawn update is deleted from every family's timeline. Restrictions are
 * applied when reading, to the page and to each live subscriber, so lifting one restores the entries.
 */
@Component
@ProcessingGroup(TimelineProjection.PROCESSING_GROUP)
public class TimelineProjection implements InitializingBean {

    public static final String PROCESSING_GROUP = "family-views";

    /**
     * The shape this group stores in all its collections (timeline, inbox, directory). Raise it whenever
     * that stored shape changes: the next start then rebuilds them from the event store. 2: entries carry
     * {@code updateId}, one announcement document per family, directory updates and restrictions.
     */
    public static final int READ_MODEL_VERSION = 2;

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
        Mongo.await(mongo.indexOps(TimelineEntryDocument.class).createIndex(new Index()
                .on("updateId", Sort.Direction.ASC).named("by_update")));
    }

    @EventHandler
    void on(ObservationShared event) {
        insertOnce(new TimelineEntryDocument(event.updateId(), event.updateId(), event.familyId(), event.settingId(),
                event.childId(), childName(event.childId()), EntryType.OBSERVATION, event.authorId(),
                authorName(event.authorId()), event.sharedAt(), null, event.text(), event.areas(), event.nextSteps(),
                null, List.of(), List.of(), null, false, null, null));
    }

    @EventHandler
    void on(MeetingBooked event) {
        insertOnce(new TimelineEntryDocument(event.meetingId(), event.meetingId(), event.familyId(),
                event.settingId(), event.childId(), childName(event.childId()), EntryType.MEETING, event.authorId(),
                authorName(event.authorId()), event.bookedAt(), null, event.purpose(), null, null,
                new MeetingPart(event.startsAt(), event.durationMinutes(), event.location(),
                        MeetingStatus.BOOKED.name()),
                List.of(), List.of(), null, false, null, null));
    }

    @EventHandler
    void on(MeetingRescheduled event) {
        change(where("updateId").is(event.meetingId()), null, new Update()
                .set("meeting.startsAt", event.startsAt())
                .set("meeting.durationMinutes", event.durationMinutes()));
    }

    @EventHandler
    void on(MeetingCancelled event) {
        change(where("updateId").is(event.meetingId()), null,
                new Update().set("meeting.status", MeetingStatus.CANCELLED.name()));
    }

    @EventHandler
    void on(FeedbackGiven event) {
        insertOnce(new TimelineEntryDocument(event.updateId(), event.updateId(), event.familyId(), event.settingId(),
                event.childId(), childName(event.childId()), EntryType.FEEDBACK, event.authorId(),
                authorName(event.authorId()), event.givenAt(), null, event.text(), null, null, null, List.of(),
                List.of(), null, false, event.inReplyTo(), null));
    }

    @EventHandler
    void on(AnnouncementBroadcast event) {
        String authorName = authorName(event.authorId());
        String eventDate = event.eventDate() == null ? null : event.eventDate().toString();
        for (AnnouncementBroadcast.Recipient recipient : event.recipients()) {
            insertOnce(new TimelineEntryDocument(event.updateId() + ":" + recipient.familyId(), event.updateId(),
                    recipient.familyId(), event.settingId(), null, null, EntryType.ANNOUNCEMENT, event.authorId(),
                    authorName, event.broadcastAt(), event.title(), event.text(), null, null, null, List.of(),
                    List.of(), eventDate, event.urgent(), null, recipient.childIds()));
        }
    }

    /** A reply is threaded only under the replying family's own entry: no other family sees it. */
    @EventHandler
    void on(ParentReplied event) {
        if (event.updateId() == null) {
            return; // a message to the key person, not an answer to an entry: it goes to the inbox only
        }
        ReplyPart reply = new ReplyPart(event.replyId(), event.carerId(), event.text(), event.channel().name(),
                event.receivedAt());
        change(where("updateId").is(event.updateId()).and("familyId").is(event.familyId()),
                where("replies.id").ne(event.replyId()), new Update().push("replies", reply));
    }

    @EventHandler
    void on(UpdateAcknowledged event) {
        change(where("updateId").is(event.updateId()).and("familyId").is(event.familyId()),
                where("acknowledgedBy").ne(event.carerId()), new Update().push("acknowledgedBy", event.carerId()));
    }

    @EventHandler
    void on(UpdateWithdrawn event) {
        Query entries = Query.query(where("updateId").is(event.updateId()));
        List<TimelineEntryDocument> withdrawn = Mongo.await(mongo.find(entries, TimelineEntryDocument.class)
                .collectList());
        Mongo.await(mongo.remove(entries, TimelineEntryDocument.class));
        withdrawn.forEach(entry -> emit(entry, new TimelineChange.Withdrawn(entry.updateId())));
    }

    /**
     * A carer barred from a child stops seeing its entries at once: each of their open streams is told
     * to drop them, as if withdrawn. The child is added to what the directory knows, since the
     * directory may take this event after this handler does.
     */
    @EventHandler
    void on(CarerRestricted event) {
        Set<String> barred = new HashSet<>(Mongo.await(directory.childrenRestrictedFor(event.carerId())));
        barred.add(event.childId());
        Query aboutTheChildOrAnnounced = Query.query(where("familyId").is(event.familyId())
                .orOperator(where("childId").is(event.childId()), where("childId").isNull()));
        Mongo.await(mongo.find(aboutTheChildOrAnnounced, TimelineEntryDocument.class)
                        .filter(entry -> !entry.visibleDespite(barred))
                        .collectList())
                .forEach(entry -> emitter.emit(FetchFamilyTimeline.class,
                        query -> query.familyId().equals(entry.familyId())
                                && event.carerId().equals(query.viewerCarerId()),
                        new TimelineChange.Withdrawn(entry.updateId())));
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
        Query newestFirst = Query.query(criteria).with(Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("_id")));
        return directory.childrenRestrictedFor(query.viewerCarerId())
                .flatMap(restricted -> mongo.find(restricted.isEmpty() ? newestFirst.limit(query.limit() + 1)
                                : newestFirst, TimelineEntryDocument.class)
                        // Entries hidden from this carer are skipped, so a page may read past them.
                        .filter(entry -> entry.visibleDespite(restricted))
                        .take(query.limit() + 1)
                        .collectList())
                .map(found -> {
                    boolean more = found.size() > query.limit();
                    List<TimelineEntryDocument> entries = more ? found.subList(0, query.limit()) : found;
                    String next = more ? new Cursor(entries.get(entries.size() - 1).occurredAt(),
                            entries.get(entries.size() - 1).id()).encode() : null;
                    return new TimelinePage(entries.stream().map(TimelineEntryDocument::toEntry).toList(), next);
                })
                .toFuture();
    }

    /**
     * One update as the reader may see it, or no reply (null) when there is nothing for them: a carer
     * gets their own family's entry unless barred from what it is about, as in the timeline; staff get
     * the entries of all families merged. A withdrawn update has no entries left, so no reply.
     */
    @QueryHandler
    CompletableFuture<TimelineEntry> handle(FetchUpdate query) {
        if (query.familyId() == null) {
            return mongo.find(Query.query(where("updateId").is(query.updateId())).with(Sort.by("_id")),
                            TimelineEntryDocument.class)
                    .collectList()
                    .filter(entries -> !entries.isEmpty())
                    .map(TimelineEntryDocument::merged)
                    .toFuture();
        }
        return directory.childrenRestrictedFor(query.viewerCarerId())
                .flatMap(restricted -> mongo.findOne(Query.query(where("updateId").is(query.updateId())
                                .and("familyId").is(query.familyId())), TimelineEntryDocument.class)
                        .filter(entry -> entry.visibleDespite(restricted)))
                .map(TimelineEntryDocument::toEntry)
                .toFuture();
    }

    private void insertOnce(TimelineEntryDocument entry) {
        try {
            Mongo.await(mongo.insert(entry));
            emit(entry, new TimelineChange.Changed(entry.toEntry()));
        } catch (DuplicateKeyException alreadyProjected) {
            // a replay or redelivery: the entry is there already
        }
    }

    /**
     * Applies {@code update} to the entries that match {@code entries} (and {@code unlessDone}, which
     * keeps a redelivered event from adding twice), then sends each changed entry to live subscribers.
     */
    private void change(Criteria entries, Criteria unlessDone, Update update) {
        Query target = Query.query(unlessDone == null ? entries : new Criteria().andOperator(entries, unlessDone));
        long changed = Mongo.await(mongo.updateMulti(target, update, TimelineEntryDocument.class)).getModifiedCount();
        if (changed > 0) {
            Mongo.await(mongo.find(Query.query(entries), TimelineEntryDocument.class).collectList())
                    .forEach(entry -> emit(entry, new TimelineChange.Changed(entry.toEntry())));
        }
    }

    /** Sends a change to the family's subscribers: staff, and each carer not barred from what it is about. */
    private void emit(TimelineEntryDocument entry, TimelineChange change) {
        Map<String, Set<String>> restrictions = Mongo.await(directory.restrictionsInFamily(entry.familyId()));
        emitter.emit(FetchFamilyTimeline.class, query -> query.familyId().equals(entry.familyId())
                && (query.viewerCarerId() == null
                || entry.visibleDespite(restrictions.getOrDefault(query.viewerCarerId(), Set.of()))), change);
    }

    private String childName(String childId) {
        ChildDocument child = Mongo.await(directory.child(childId));
        return child == null ? null : child.name();
    }

    private String authorName(String authorId) {
        StaffDocument author = Mongo.await(directory.staff(authorId));
        return author == null ? null : author.name();
    }
}
