package dev.tandem.query.timeline;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.tandem.query.Mongo;
import dev.tandem.query.timeline.ReplayDocuments.Sequence;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

/**
 * Numbers the timeline's changes in the order the projection makes them. A change takes its number
 * ({@link #next()}), stores its writes, is released ({@link #release}), and only then is sent live; a
 * resuming stream subscribes, reads the released number, then reads what is stored up to it. So every
 * change up to that number is in what it reads, and every later one reaches it live: no gap, and the live
 * ones it read already can be told by their number. This relies on the group's changes being made one at
 * a time, as its single segment does.
 */
final class ChangeSequence {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReactiveMongoTemplate mongo;

    ChangeSequence(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Creates the counter on first use, and releases every number already given out: a change that took
     * one before the process stopped has either stored its writes or never will (it is made again under a
     * new number), and leaving it unreleased would hold resuming streams back.
     */
    void ensure() {
        Mongo.await(mongo.upsert(counter(), new Update().setOnInsert("store", newStore())
                .setOnInsert("assigned", 0L).setOnInsert("released", 0L), Sequence.class));
        Sequence current = Mongo.await(mongo.findById(Sequence.ID, Sequence.class));
        release(new StreamPosition(current.store(), current.assigned()));
    }

    StreamPosition next() {
        Sequence taken = Mongo.await(mongo.findAndModify(counter(),
                new Update().inc("assigned", 1L).setOnInsert("store", newStore()).setOnInsert("released", 0L),
                FindAndModifyOptions.options().returnNew(true).upsert(true), Sequence.class));
        return new StreamPosition(taken.store(), taken.assigned());
    }

    void release(StreamPosition position) {
        Mongo.await(mongo.updateFirst(counter(), new Update().max("released", position.sequence()), Sequence.class));
    }

    /** The last position whose changes are all stored (a fresh store's is 0). */
    Mono<StreamPosition> released() {
        return mongo.findById(Sequence.ID, Sequence.class)
                .map(sequence -> new StreamPosition(sequence.store(), sequence.released()));
    }

    private static Query counter() {
        return Query.query(where("_id").is(Sequence.ID));
    }

    private static String newStore() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
