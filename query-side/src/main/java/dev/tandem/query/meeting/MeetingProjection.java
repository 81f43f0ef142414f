package dev.tandem.query.meeting;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.tandem.api.family.FamilyErased;
import dev.tandem.api.meeting.FetchMeeting;
import dev.tandem.api.meeting.FetchSettingMeetings;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.meeting.MeetingCancelled;
import dev.tandem.api.meeting.MeetingRescheduled;
import dev.tandem.api.meeting.MeetingStatus;
import dev.tandem.api.meeting.SettingMeetings;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.query.Erasure;
import dev.tandem.query.Mongo;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
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
 * Each setting's meetings at their current time, booked or cancelled; a withdrawn meeting is gone.
 * Keyed by meeting id: a booking is inserted once and later events set values, so a replay or a
 * redelivery changes nothing twice.
 */
@Component
@ProcessingGroup(MeetingsGroup.NAME)
public class MeetingProjection implements InitializingBean {

    private final ReactiveMongoTemplate mongo;

    MeetingProjection(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        Mongo.await(mongo.indexOps(MeetingDocument.class).createIndex(new Index()
                .on("settingId", Sort.Direction.ASC).on("startsAt", Sort.Direction.ASC).named("setting_soonest_first")));
    }

    @EventHandler
    void on(MeetingBooked event) {
        try {
            Mongo.await(mongo.insert(new MeetingDocument(event.meetingId(), event.settingId(), event.childId(),
                    event.keyPersonId(), event.startsAt(), event.durationMinutes(), event.location(),
                    MeetingStatus.BOOKED)));
        } catch (DuplicateKeyException alreadyProjected) {
            // a replay or redelivery: the meeting is there already
        }
    }

    @EventHandler
    void on(MeetingRescheduled event) {
        set(event.meetingId(), new Update().set("startsAt", event.startsAt())
                .set("durationMinutes", event.durationMinutes()));
    }

    @EventHandler
    void on(MeetingCancelled event) {
        set(event.meetingId(), new Update().set("status", MeetingStatus.CANCELLED));
    }

    @EventHandler
    void on(UpdateWithdrawn event) {
        Mongo.await(mongo.remove(Query.query(where("_id").is(event.updateId())), MeetingDocument.class));
    }

    /** Where the family's meetings were to be held reads as erased; when, with whom and whether they stand stay. */
    @EventHandler
    void on(FamilyErased event) {
        Mongo.await(mongo.updateMulti(Query.query(where("childId").in(event.childIds())
                        .andOperator(Erasure.stillHeld("location"))), new Update().set("location", Erasure.ERASED),
                MeetingDocument.class));
    }

    @ResetHandler
    void reset() {
        Mongo.await(mongo.dropCollection(MeetingDocument.class));
        afterPropertiesSet();
    }

    @QueryHandler
    CompletableFuture<SettingMeetings> handle(FetchSettingMeetings query) {
        Criteria criteria = where("settingId").is(query.settingId());
        if (query.from() != null || query.to() != null) {
            Criteria startsAt = criteria.and("startsAt");
            if (query.from() != null) {
                startsAt.gte(query.from());
            }
            if (query.to() != null) {
                startsAt.lt(query.to());
            }
        }
        Query soonestFirst = Query.query(criteria).with(Sort.by(Sort.Order.asc("startsAt"), Sort.Order.asc("_id")));
        return mongo.find(soonestFirst, MeetingDocument.class)
                .map(MeetingDocument::toMeeting)
                .collectList()
                .map(SettingMeetings::new)
                .toFuture();
    }

    /** The meeting, or no reply (null) when it is unknown or was withdrawn. */
    @QueryHandler
    CompletableFuture<SettingMeetings.Meeting> handle(FetchMeeting query) {
        return mongo.findById(query.meetingId(), MeetingDocument.class).map(MeetingDocument::toMeeting).toFuture();
    }

    private void set(String meetingId, Update update) {
        Mongo.await(mongo.updateFirst(Query.query(where("_id").is(meetingId)), update, MeetingDocument.class));
    }

    @Document("meetings")
    record MeetingDocument(@Id String id, String settingId, String childId, String keyPersonId, Instant startsAt,
                           int durationMinutes, String location, MeetingStatus status) {

        SettingMeetings.Meeting toMeeting() {
            return new SettingMeetings.Meeting(id, childId, keyPersonId, startsAt, durationMinutes, location, status);
        }
    }
}
