package dev.tandem.query.directory;

import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.child.FetchKeyChildren;
import dev.tandem.api.child.KeyChildren;
import dev.tandem.api.family.FamilyRegistered;
import dev.tandem.api.setting.StaffMemberRegistered;
import dev.tandem.query.Mongo;
import dev.tandem.query.directory.DirectoryDocuments.ChildDocument;
import dev.tandem.query.directory.DirectoryDocuments.FamilyDocument;
import dev.tandem.query.directory.DirectoryDocuments.StaffDocument;
import dev.tandem.query.timeline.TimelineProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import java.util.concurrent.CompletableFuture;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Children, staff and families as the family views need them. It shares the processing group of
 * the timeline so that a child is known before the first update about them is projected.
 */
@Component
@ProcessingGroup(TimelineProjection.PROCESSING_GROUP)
public class QueryDirectory {

    private final ReactiveMongoTemplate mongo;

    public QueryDirectory(ReactiveMongoTemplate mongo) {
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
    public void on(FamilyRegistered event) {
        Mongo.await(mongo.save(new FamilyDocument(event.familyId(), event.settingId())));
    }

    @ResetHandler
    void reset() {
        Mongo.await(Mono.when(mongo.dropCollection(ChildDocument.class), mongo.dropCollection(StaffDocument.class),
                mongo.dropCollection(FamilyDocument.class)));
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
}
