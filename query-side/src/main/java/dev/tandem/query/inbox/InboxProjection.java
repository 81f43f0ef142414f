package dev.tandem.query.inbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.tandem.api.family.FamilyErased;
import dev.tandem.api.inbox.FetchStaffInbox;
import dev.tandem.api.inbox.StaffInbox;
import dev.tandem.api.reply.CarerMessageReceived;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.translation.ReplyTranslated;
import dev.tandem.query.Erasure;
import dev.tandem.query.Mongo;
import dev.tandem.query.directory.DirectoryDocuments.ChildDocument;
import dev.tandem.query.directory.DirectoryDocuments.UpdateDocument;
import dev.tandem.query.directory.ViewLookups;
import dev.tandem.query.familyviews.FamilyViewsGroup;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Each staff member's inbox, newest first: every carer's reply or message about their key children,
 * and the replies to the announcements they made.
 * Keyed by reply id, so a replay writes the same item again and changes nothing.
 */
@Component
@ProcessingGroup(FamilyViewsGroup.NAME)
public class InboxProjection implements InitializingBean {

    private static final int INBOX_SIZE = 200;

    private final ReactiveMongoTemplate mongo;
    private final ViewLookups lookups;

    public InboxProjection(ReactiveMongoTemplate mongo, ViewLookups lookups) {
        this.mongo = mongo;
        this.lookups = lookups;
    }

    @Override
    public void afterPropertiesSet() {
        Mongo.await(mongo.indexOps(InboxItemDocument.class).createIndex(new Index()
                .on("staffId", Sort.Direction.ASC).on("receivedAt", Sort.Direction.DESC).named("staff_newest_first")));
    }

    /**
     * A reply to an announcement (no child) goes to the announcement's author; any other reply goes to
     * the key person of the child it is about.
     */
    @EventHandler
    public void on(ParentReplied event) {
        String staffId = event.childId() == null ? authorOf(event.updateId()) : keyPersonOf(event.childId());
        file(staffId, event.replyId(), event.updateId(), event.childId(), event.familyId(), event.carerId(),
                event.text(), event.channel().name(), event.receivedAt());
    }

    /** A carer's message with no update goes to the key person of the child it is about. */
    @EventHandler
    public void on(CarerMessageReceived event) {
        file(keyPersonOf(event.childId()), event.replyId(), null, event.childId(), event.familyId(),
                event.carerId(), event.text(), event.channel().name(), event.receivedAt());
    }

    private void file(String staffId, String replyId, String updateId, String childId, String familyId,
                      String carerId, String text, String channel, java.time.Instant receivedAt) {
        if (staffId == null) {
            return;
        }
        Mongo.await(mongo.save(new InboxItemDocument(replyId, staffId, updateId, childId, familyId, carerId, text,
                channel, receivedAt, false, null, null)));
    }

    /** The carer's words in the staff's language, what they wrote kept beside it; once. */
    @EventHandler
    public void on(ReplyTranslated event) {
        InboxItemDocument item = Mongo.await(mongo.findById(event.replyId(), InboxItemDocument.class));
        if (item == null || item.translated()) {
            return;
        }
        Mongo.await(mongo.save(new InboxItemDocument(item.id(), item.staffId(), item.updateId(), item.childId(),
                item.familyId(), item.carerId(), event.text(), item.channel(), item.receivedAt(), true, item.text(),
                event.originalLanguage())));
    }

    /** What the family's carers wrote reads as erased, as a rebuild from the event store would show it. */
    @EventHandler
    public void on(FamilyErased event) {
        Criteria fromTheFamily = new Criteria().orOperator(where("familyId").is(event.familyId()),
                where("carerId").in(event.carerIds()));
        Mongo.await(mongo.updateMulti(Query.query(new Criteria().andOperator(fromTheFamily, Erasure.stillHeld("text"))),
                new Update().set("text", Erasure.ERASED), InboxItemDocument.class));
        Mongo.await(mongo.updateMulti(Query.query(new Criteria().andOperator(fromTheFamily,
                        Erasure.stillHeld("originalText"))),
                new Update().set("originalText", Erasure.ERASED), InboxItemDocument.class));
    }

    private String keyPersonOf(String childId) {
        ChildDocument child = Mongo.await(lookups.child(childId));
        return child == null ? null : child.keyPersonId();
    }

    private String authorOf(String updateId) {
        if (updateId == null) {
            return null;
        }
        UpdateDocument update = Mongo.await(lookups.update(updateId));
        return update == null ? null : update.authorId();
    }

    @ResetHandler
    void reset() {
        Mongo.await(mongo.dropCollection(InboxItemDocument.class));
        afterPropertiesSet();
    }

    @QueryHandler
    public CompletableFuture<StaffInbox> handle(FetchStaffInbox query) {
        Query newestFirst = Query.query(where("staffId").is(query.staffId()))
                .with(Sort.by(Sort.Order.desc("receivedAt"), Sort.Order.desc("_id")))
                .limit(INBOX_SIZE);
        return mongo.find(newestFirst, InboxItemDocument.class)
                .map(InboxItemDocument::toItem)
                .collectList()
                .map(StaffInbox::new)
                .toFuture();
    }

    @Document("inbox_items")
    record InboxItemDocument(@Id String id, String staffId, String updateId, String childId, String familyId,
                             String carerId, String text, String channel, Instant receivedAt, boolean translated,
                             String originalText, String originalLanguage) {

        StaffInbox.Item toItem() {
            return new StaffInbox.Item(id, updateId, childId, familyId, carerId, text, channel, receivedAt, translated,
                    originalText, originalLanguage);
        }
    }
}
