package dev.tandem.query.timeline;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.tandem.api.announcement.AnnouncementBroadcast;
import dev.tandem.api.child.CarerRestricted;
import dev.tandem.api.child.CarerRestrictionLifted;
import dev.tandem.api.family.FamilyErased;
import dev.tandem.api.feedback.FeedbackGiven;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.meeting.MeetingCancelled;
import dev.tandem.api.meeting.MeetingRescheduled;
import dev.tandem.api.meeting.MeetingStatus;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.timeline.FetchFamilyTimeline;
import dev.tandem.api.timeline.FetchTimelineChanges;
import dev.tandem.api.timeline.TimelineChanges;
import dev.tandem.api.timeline.TimelineEntry;
import dev.tandem.api.timeline.TimelineEntry.EntryType;
import dev.tandem.api.timeline.TimelinePage;
import dev.tandem.api.translation.AnnouncementTranslated;
import dev.tandem.api.translation.ReplyTranslated;
import dev.tandem.api.translation.UpdateTranslated;
import dev.tandem.api.update.FetchUpdate;
import dev.tandem.api.update.UpdateAcknowledged;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.query.Mongo;
import dev.tandem.query.directory.DirectoryDocuments.ChildDocument;
import dev.tandem.query.directory.DirectoryDocuments.StaffDocument;
import dev.tandem.query.directory.ViewLookups;
import dev.tandem.query.familyviews.FamilyViewsGroup;
import dev.tandem.query.timeline.ReplayDocuments.AccessChange;
import dev.tandem.query.timeline.ReplayDocuments.Withdrawal;
import dev.tandem.query.timeline.TimelineEntryDocument.MeetingPart;
import dev.tandem.query.timeline.TimelineEntryDocument.ReplyPart;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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
 * Each family's timeline, newest first: one document per update and family, with that family's
 * replies and acknowledgements under it. Handlers are idempotent (insert-once by document id, replies
 * and acknowledgements added once, changes set to the event's values), so a replay or a redelivery
 * changes nothing twice. A withdrawn update is deleted from every family's timeline. Restrictions are
 * applied when reading, to the page and to each live subscriber, so lifting one restores the entries.
 *
 * <p>Every change is numbered ({@link ChangeSequence}) and sent live with its position, so that a stream
 * can resume: entries keep the position of their last change, a withdrawn entry leaves a tombstone without
 * its content, and a carer barred from a child (or no longer) leaves one access change per entry, so that
 * {@link FetchTimelineChanges} can tell a returning reader what it missed.
 */
@Component
@ProcessingGroup(FamilyViewsGroup.NAME)
public class TimelineProjection implements InitializingBean {

    private final ReactiveMongoTemplate mongo;
    private final ViewLookups lookups;
    private final QueryUpdateEmitter emitter;
    private final ChangeSequence sequence;

    TimelineProjection(ReactiveMongoTemplate mongo, ViewLookups lookups, QueryUpdateEmitter emitter) {
        this.mongo = mongo;
        this.lookups = lookups;
        this.emitter = emitter;
        this.sequence = new ChangeSequence(mongo);
    }

    @Override
    public void afterPropertiesSet() {
        Mongo.await(mongo.indexOps(TimelineEntryDocument.class).createIndex(new Index()
                .on("familyId", Sort.Direction.ASC).on("occurredAt", Sort.Direction.DESC).on("_id", Sort.Direction.DESC)
                .named("family_newest_first")));
        Mongo.await(mongo.indexOps(TimelineEntryDocument.class).createIndex(new Index()
                .on("updateId", Sort.Direction.ASC).named("by_update")));
        Mongo.await(mongo.indexOps(TimelineEntryDocument.class).createIndex(new Index()
                .on("familyId", Sort.Direction.ASC).on("changeSequence", Sort.Direction.ASC)
                .named("family_by_change")));
        Mongo.await(mongo.indexOps(Withdrawal.class).createIndex(new Index()
                .on("familyId", Sort.Direction.ASC).on("sequence", Sort.Direction.ASC).named("family_by_change")));
        Mongo.await(mongo.indexOps(AccessChange.class).createIndex(new Index()
                .on("carerId", Sort.Direction.ASC).on("familyId", Sort.Direction.ASC)
                .on("sequence", Sort.Direction.ASC).named("carer_by_change")));
        sequence.ensure();
    }

    @EventHandler
    void on(ObservationShared event) {
        insertOnce(new TimelineEntryDocument(event.updateId(), event.updateId(), event.familyId(), event.settingId(),
                event.childId(), childName(event.childId()), EntryType.OBSERVATION, event.authorId(),
                authorName(event.authorId()), event.sharedAt(), null, event.text(), event.areas(), event.nextSteps(),
                null, List.of(), List.of(), null, false, null, null, null, null));
    }

    @EventHandler
    void on(MeetingBooked event) {
        insertOnce(new TimelineEntryDocument(event.meetingId(), event.meetingId(), event.familyId(),
                event.settingId(), event.childId(), childName(event.childId()), EntryType.MEETING, event.authorId(),
                authorName(event.authorId()), event.bookedAt(), null, event.purpose(), null, null,
                new MeetingPart(event.startsAt(), event.durationMinutes(), event.location(),
                        MeetingStatus.BOOKED.name()),
                List.of(), List.of(), null, false, null, null, null, null));
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
                List.of(), null, false, event.inReplyTo(), null, null, null));
    }

    @EventHandler
    void on(AnnouncementBroadcast event) {
        String authorName = authorName(event.authorId());
        String eventDate = event.eventDate() == null ? null : event.eventDate().toString();
        for (AnnouncementBroadcast.Recipient recipient : event.recipients()) {
            insertOnce(new TimelineEntryDocument(event.updateId() + ":" + recipient.familyId(), event.updateId(),
                    recipient.familyId(), event.settingId(), null, null, EntryType.ANNOUNCEMENT, event.authorId(),
                    authorName, event.broadcastAt(), event.title(), event.text(), null, null, null, List.of(),
                    List.of(), eventDate, event.urgent(), null, recipient.childIds(), null, null));
        }
    }

    /** The machine translation the notifier made for the family's carers of one language. */
    @EventHandler
    void on(UpdateTranslated event) {
        change(where("updateId").is(event.updateId()).and("familyId").is(event.familyId()), null, new Update()
                .set("translations." + event.language(), new TimelineEntry.Translation(null, event.text(),
                        event.nextSteps(), event.originalLanguage())));
    }

    /** An announcement's translation, in the entry of every family it went to. */
    @EventHandler
    void on(AnnouncementTranslated event) {
        change(where("updateId").is(event.updateId()), null, new Update()
                .set("translations." + event.language(), new TimelineEntry.Translation(event.title(), event.text(),
                        null, event.originalLanguage())));
    }

    /** A reply's translation for staff, beside the reply in its family's entry. */
    @EventHandler
    void on(ReplyTranslated event) {
        if (event.updateId() == null) {
            return; // a message answering no update is in the inbox only
        }
        change(where("updateId").is(event.updateId()).and("familyId").is(event.familyId())
                        .and("replies.id").is(event.replyId()), null, new Update()
                .set("replies.$.translatedText", event.text())
                .set("replies.$.translatedLanguage", event.language()));
    }

    /** A reply is threaded only under the replying family's own entry: no other family sees it. */
    @EventHandler
    void on(ParentReplied event) {
        ReplyPart reply = new ReplyPart(event.replyId(), event.carerId(), event.text(), event.channel().name(),
                event.receivedAt(), null, null);
        change(where("updateId").is(event.updateId()).and("familyId").is(event.familyId()),
                where("replies.id").ne(event.replyId()), new Update().push("replies", reply));
    }

    @EventHandler
    void on(UpdateAcknowledged event) {
        change(where("updateId").is(event.updateId()).and("familyId").is(event.familyId()),
                where("acknowledgedBy").ne(event.carerId()), new Update().push("acknowledgedBy", event.carerId()));
    }

    /**
     * Each family's entry is deleted, leaving a tombstone without its content so that a stream resuming
     * later is told too; carers barred from what it was about were never shown it and are not told.
     */
    @EventHandler
    void on(UpdateWithdrawn event) {
        Query entries = Query.query(where("updateId").is(event.updateId()));
        List<TimelineEntryDocument> withdrawn = Mongo.await(mongo.find(entries, TimelineEntryDocument.class)
                .collectList());
        if (withdrawn.isEmpty()) {
            return; // withdrawn already: a replay or redelivery
        }
        StreamPosition position = sequence.next();
        for (TimelineEntryDocument entry : withdrawn) {
            Set<String> hiddenFrom = Mongo.await(lookups.restrictionsInFamily(entry.familyId())).entrySet().stream()
                    .filter(carer -> !entry.visibleDespite(carer.getValue()))
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toUnmodifiableSet());
            Mongo.await(mongo.save(new Withdrawal(entry.id(), entry.updateId(), entry.familyId(), hiddenFrom,
                    position.sequence())));
        }
        Mongo.await(mongo.remove(entries, TimelineEntryDocument.class));
        sequence.release(position);
        withdrawn.forEach(entry -> emit(entry, new TimelineChange.Withdrawn(entry.updateId(), position)));
    }

    /**
     * A carer barred from a child stops seeing its entries at once: each of their open streams is told
     * to drop them, as if withdrawn, and a stream of theirs that resumes later is told the same. The
     * child is added to what the lookups know, since {@link ViewLookups} may take this event after this
     * handler does.
     */
    @EventHandler
    void on(CarerRestricted event) {
        Set<String> barred = new HashSet<>(Mongo.await(lookups.childrenRestrictedFor(event.carerId())));
        barred.add(event.childId());
        changeAccess(event.carerId(), event.familyId(), event.childId(), entry -> !entry.visibleDespite(barred),
                false);
    }

    /**
     * A carer no longer barred from a child sees its entries again: each of their open streams (and a
     * stream of theirs that resumes later) is sent the entries that come back, those the carer could not
     * see before and can now. The child is taken out of what the lookups know, since {@link ViewLookups} may
     * take this event after this handler does.
     */
    @EventHandler
    void on(CarerRestrictionLifted event) {
        Set<String> barredAfter = new HashSet<>(Mongo.await(lookups.childrenRestrictedFor(event.carerId())));
        barredAfter.remove(event.childId());
        Set<String> barredBefore = new HashSet<>(barredAfter);
        barredBefore.add(event.childId());
        changeAccess(event.carerId(), event.familyId(), event.childId(),
                entry -> !entry.visibleDespite(barredBefore) && entry.visibleDespite(barredAfter), true);
    }

    private void changeAccess(String carerId, String familyId, String childId,
                              Predicate<TimelineEntryDocument> affected, boolean visible) {
        Query aboutTheChildOrAnnounced = Query.query(where("familyId").is(familyId)
                .orOperator(where("childId").is(childId), where("childId").isNull()));
        List<TimelineEntryDocument> entries = Mongo.await(mongo.find(aboutTheChildOrAnnounced,
                TimelineEntryDocument.class).filter(affected).collectList());
        if (entries.isEmpty()) {
            return;
        }
        StreamPosition position = sequence.next();
        for (TimelineEntryDocument entry : entries) {
            Mongo.await(mongo.save(new AccessChange(AccessChange.idOf(carerId, entry.id()), carerId, familyId,
                    entry.id(), entry.updateId(), visible, position.sequence())));
        }
        sequence.release(position);
        entries.forEach(entry -> emitter.emit(FetchFamilyTimeline.class,
                query -> query.familyId().equals(familyId) && carerId.equals(query.viewerCarerId()),
                visible ? new TimelineChange.Changed(entry.toEntry(), position)
                        : new TimelineChange.Withdrawn(entry.updateId(), position)));
    }

    /**
     * The family's personal data leaves its timeline at once: each entry holding any is rewritten as
     * {@link TimelineEntryDocument#erased()} shows it, which is also what a rebuild from the event store
     * gives now that the keys are shredded, so a replay or a redelivery finds nothing left to change. The
     * family's carers read nothing more: their open streams end (reconnecting is refused) and what was kept
     * for their resuming streams, which tells which children they were barred from, goes; staff streams are
     * sent the erased entries.
     */
    @EventHandler
    void on(FamilyErased event) {
        String familyId = event.familyId();
        emitter.complete(FetchFamilyTimeline.class,
                query -> query.familyId().equals(familyId) && query.viewerCarerId() != null);
        Query family = Query.query(where("familyId").is(familyId));
        List<TimelineEntryDocument> holding = Mongo.await(mongo.find(family, TimelineEntryDocument.class)
                .filter(entry -> !entry.equals(entry.erased()))
                .collectList());
        Mongo.await(mongo.remove(family, AccessChange.class));
        Mongo.await(mongo.updateMulti(family, new Update().set("hiddenFrom", Set.of()), Withdrawal.class));
        if (holding.isEmpty()) {
            return;
        }
        StreamPosition position = sequence.next();
        List<TimelineEntryDocument> erased;
        try {
            erased = holding.stream().map(entry -> entry.erased().changedAt(position.sequence())).toList();
            erased.forEach(entry -> Mongo.await(mongo.save(entry)));
        } finally {
            sequence.release(position);
        }
        erased.forEach(entry -> emitter.emit(FetchFamilyTimeline.class,
                query -> query.familyId().equals(familyId) && query.viewerCarerId() == null,
                new TimelineChange.Changed(entry.toEntry(), position)));
    }

    /** The change counter is kept: rebuilt entries take positions after every one given out before. */
    @ResetHandler
    void reset() {
        Mongo.await(Mono.when(mongo.dropCollection(TimelineEntryDocument.class),
                mongo.dropCollection(Withdrawal.class), mongo.dropCollection(AccessChange.class)));
        afterPropertiesSet();
    }

    @QueryHandler
    CompletableFuture<TimelinePage> handle(FetchFamilyTimeline query) {
        Criteria criteria = where("familyId").is(query.familyId());
        Cursor.decode(query.before()).ifPresent(cursor -> criteria.orOperator(
                where("occurredAt").lt(cursor.occurredAt()),
                where("occurredAt").is(cursor.occurredAt()).and("_id").lt(cursor.id())));
        Query newestFirst = Query.query(criteria).with(Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("_id")));
        return lookups.childrenRestrictedFor(query.viewerCarerId())
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
     * What a resuming stream missed: the changes after {@code after} up to the last released position,
     * each entry once at its latest, oldest first, as the reader may see them. An entry they may see is
     * sent as it is now; one withdrawn, or that left their view when they were barred from its child, as
     * withdrawn (unless they could not see it when it was withdrawn). A position this store did not give
     * out sends every change from the start, since what the reader has cannot be told.
     */
    @QueryHandler
    CompletableFuture<TimelineChanges> handle(FetchTimelineChanges query) {
        return sequence.released().flatMap(upTo -> {
            if (query.after() == null) {
                return Mono.just(new TimelineChanges(List.of(), upTo.encode(), false));
            }
            Optional<StreamPosition> known = StreamPosition.parse(query.after()).filter(after -> after.isWithin(upTo));
            long since = known.map(StreamPosition::sequence).orElse(0L);
            return lookups.childrenRestrictedFor(query.viewerCarerId())
                    .flatMap(restricted -> changesBetween(query.familyId(), query.viewerCarerId(), restricted,
                            since, upTo.sequence()))
                    .map(changes -> new TimelineChanges(changes.stream()
                            .map(change -> new TimelineChanges.Change(
                                    new StreamPosition(upTo.store(), change.sequence()).encode(),
                                    change.id(), change.entry()))
                            .toList(), upTo.encode(), known.isEmpty()));
        }).toFuture();
    }

    /** One change a returning reader is sent: the entry as it is now, or (null) that it left their view. */
    private record Missed(long sequence, String id, TimelineEntry entry) {
    }

    private Mono<List<Missed>> changesBetween(String familyId, String viewerCarerId, Set<String> restricted,
                                              long since, long upTo) {
        Criteria inFamily = where("familyId").is(familyId);
        Mono<List<TimelineEntryDocument>> changed = mongo.find(Query.query(new Criteria().andOperator(inFamily,
                where("changeSequence").gt(since).lte(upTo))), TimelineEntryDocument.class).collectList();
        Mono<List<Withdrawal>> withdrawn = mongo.find(Query.query(new Criteria().andOperator(inFamily,
                where("sequence").gt(since).lte(upTo))), Withdrawal.class).collectList();
        Mono<List<AccessChange>> access = viewerCarerId == null ? Mono.just(List.of())
                : mongo.find(Query.query(new Criteria().andOperator(inFamily, where("carerId").is(viewerCarerId),
                        where("sequence").gt(since).lte(upTo))), AccessChange.class).collectList();
        return Mono.zip(changed, withdrawn, access).flatMap(found -> {
            List<String> shownAgain = found.getT3().stream().filter(AccessChange::visible)
                    .map(AccessChange::entryId).toList();
            Mono<Map<String, TimelineEntryDocument>> current = shownAgain.isEmpty() ? Mono.just(Map.of())
                    : mongo.find(Query.query(where("_id").in(shownAgain)), TimelineEntryDocument.class)
                            .collectMap(TimelineEntryDocument::id);
            return current.map(now -> {
                Map<String, Missed> latest = new HashMap<>();
                for (TimelineEntryDocument entry : found.getT1()) {
                    if (entry.visibleDespite(restricted)) {
                        keepLatest(latest, new Missed(entry.changeSequence(), entry.updateId(), entry.toEntry()));
                    }
                }
                for (Withdrawal withdrawal : found.getT2()) {
                    if (viewerCarerId == null || !withdrawal.hiddenFrom().contains(viewerCarerId)) {
                        keepLatest(latest, new Missed(withdrawal.sequence(), withdrawal.updateId(), null));
                    }
                }
                for (AccessChange change : found.getT3()) {
                    TimelineEntryDocument entry = now.get(change.entryId());
                    if (!change.visible()) {
                        keepLatest(latest, new Missed(change.sequence(), change.updateId(), null));
                    } else if (entry != null && entry.visibleDespite(restricted)) {
                        keepLatest(latest, new Missed(change.sequence(), change.updateId(), entry.toEntry()));
                    }
                }
                return sortedByPosition(latest.values());
            });
        });
    }

    private static void keepLatest(Map<String, Missed> latest, Missed change) {
        latest.merge(change.id(), change, (before, after) -> after.sequence() > before.sequence() ? after : before);
    }

    private static List<Missed> sortedByPosition(Collection<Missed> changes) {
        return changes.stream().sorted(Comparator.comparingLong(Missed::sequence).thenComparing(Missed::id)).toList();
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
        return lookups.childrenRestrictedFor(query.viewerCarerId())
                .flatMap(restricted -> mongo.findOne(Query.query(where("updateId").is(query.updateId())
                                .and("familyId").is(query.familyId())), TimelineEntryDocument.class)
                        .filter(entry -> entry.visibleDespite(restricted)))
                .map(TimelineEntryDocument::toEntry)
                .toFuture();
    }

    private void insertOnce(TimelineEntryDocument entry) {
        StreamPosition position = sequence.next();
        try {
            Mongo.await(mongo.insert(entry.changedAt(position.sequence())));
        } catch (DuplicateKeyException alreadyProjected) {
            return; // a replay or redelivery: the entry is there already (its number is simply never used)
        } finally {
            sequence.release(position);
        }
        emit(entry, new TimelineChange.Changed(entry.toEntry(), position));
    }

    /**
     * Applies {@code update} to the entries that match {@code entries} (and {@code unlessDone}, which
     * keeps a redelivered event from adding twice), then sends each changed entry to live subscribers.
     */
    private void change(Criteria entries, Criteria unlessDone, Update update) {
        Query target = Query.query(unlessDone == null ? entries : new Criteria().andOperator(entries, unlessDone));
        StreamPosition position = sequence.next();
        long changed;
        try {
            changed = Mongo.await(mongo.updateMulti(target, update.set("changeSequence", position.sequence()),
                    TimelineEntryDocument.class)).getModifiedCount();
        } finally {
            sequence.release(position);
        }
        if (changed > 0) {
            Query changedNow = Query.query(new Criteria().andOperator(entries,
                    where("changeSequence").is(position.sequence())));
            Mongo.await(mongo.find(changedNow, TimelineEntryDocument.class).collectList())
                    .forEach(entry -> emit(entry, new TimelineChange.Changed(entry.toEntry(), position)));
        }
    }

    /** Sends a change to the family's subscribers: staff, and each carer not barred from what it is about. */
    private void emit(TimelineEntryDocument entry, TimelineChange change) {
        Map<String, Set<String>> restrictions = Mongo.await(lookups.restrictionsInFamily(entry.familyId()));
        emitter.emit(FetchFamilyTimeline.class, query -> query.familyId().equals(entry.familyId())
                && (query.viewerCarerId() == null
                || entry.visibleDespite(restrictions.getOrDefault(query.viewerCarerId(), Set.of()))), change);
    }

    private String childName(String childId) {
        ChildDocument child = Mongo.await(lookups.child(childId));
        return child == null ? null : child.name();
    }

    private String authorName(String authorId) {
        StaffDocument author = Mongo.await(lookups.staff(authorId));
        return author == null ? null : author.name();
    }
}
