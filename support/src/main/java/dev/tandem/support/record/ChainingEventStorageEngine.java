package dev.tandem.support.record;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon's JDBC storage engine, with each child's safeguarding record kept as the events are stored: in the
 * same transaction it links every event that concerns a child into that child's hash chain (the index
 * from the child to the store's global positions, which therefore can never miss an event), and seals the
 * new head. Every service that stores events (the command side, the notifier) goes through it.
 * <p>
 * The heads of the children concerned are locked before the events are inserted, so two transactions
 * about one child take their global indexes in the order they link them: a chain's positions rise with
 * the store's order. Locks are taken in the children's order, so two announcements cannot deadlock.
 */
public class ChainingEventStorageEngine implements EventStorageEngine {

    static final byte[] GENESIS = new byte[32];

    private final EventStorageEngine delegate;
    private final TransactionManager transactions;
    private final JdbcTemplate jdbc;
    private final RecordSubjects subjects;
    private final RecordSeal seal;

    public ChainingEventStorageEngine(EventStorageEngine delegate, TransactionManager transactions, JdbcTemplate jdbc,
                                      RecordSeal seal) {
        this.delegate = delegate;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.subjects = new RecordSubjects(jdbc);
        this.seal = seal;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        transactions.executeInTransaction(() -> appendAndLink(events));
    }

    private void appendAndLink(List<? extends EventMessage<?>> events) {
        Map<String, Set<String>> childrenByEvent = new LinkedHashMap<>();
        Set<String> children = new TreeSet<>();
        for (EventMessage<?> event : events) {
            Set<String> concerned = subjects.childrenOf(event.getPayload());
            if (!concerned.isEmpty()) {
                childrenByEvent.put(event.getIdentifier(), concerned);
                children.addAll(concerned);
            }
        }
        Map<String, Head> heads = lockHeads(children);
        delegate.appendEvents(events);
        if (childrenByEvent.isEmpty()) {
            return;
        }
        List<StoredEvent> stored = jdbc.query("SELECT " + StoredEvent.COLUMNS
                        + " FROM domainevententry WHERE eventidentifier = ANY (?) ORDER BY globalindex",
                (row, n) -> StoredEvent.from(row), (Object) childrenByEvent.keySet().toArray(String[]::new));
        List<Object[]> links = new ArrayList<>();
        for (StoredEvent event : stored) {
            for (String childId : new TreeSet<>(childrenByEvent.get(event.eventIdentifier()))) {
                Head head = heads.get(childId).next(event, seal, childId);
                heads.put(childId, head);
                links.add(new Object[] {childId, head.length(), event.globalIndex(), event.eventIdentifier(),
                        head.hash(), seal.ofLink(childId, head.length(), head.hash())});
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO record_link (child_id, position, global_index, event_identifier, hash, seal)
                VALUES (?, ?, ?, ?, ?, ?)""", links);
        jdbc.batchUpdate("UPDATE record_head SET length = ?, global_index = ?, hash = ?, seal = ? WHERE child_id = ?",
                heads.entrySet().stream()
                        .map(entry -> new Object[] {entry.getValue().length(), entry.getValue().globalIndex(),
                                entry.getValue().hash(), entry.getValue().seal(), entry.getKey()})
                        .toList());
    }

    private Map<String, Head> lockHeads(Set<String> children) {
        if (children.isEmpty()) {
            return Map.of();
        }
        String[] ids = children.toArray(String[]::new);
        jdbc.batchUpdate("INSERT INTO record_head (child_id, length) VALUES (?, 0) ON CONFLICT DO NOTHING",
                Stream.of(ids).map(id -> new Object[] {id}).toList());
        Map<String, Head> heads = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    SELECT child_id, length, global_index, hash, seal FROM record_head
                    WHERE child_id = ANY (?) ORDER BY child_id FOR UPDATE""");
            statement.setArray(1, connection.createArrayOf("varchar", ids));
            return statement;
        }, row -> {
            heads.put(row.getString("child_id"), new Head(row.getLong("length"), row.getLong("global_index"),
                    row.getBytes("hash") == null ? GENESIS : row.getBytes("hash"), row.getBytes("seal")));
        });
        return heads;
    }

    /** A chain's last link: how many links it has, the global index and hash of the last one, its seal. */
    record Head(long length, long globalIndex, byte[] hash, byte[] seal) {

        Head next(StoredEvent event, RecordSeal sealing, String childId) {
            byte[] next = event.link(hash);
            long position = length + 1;
            return new Head(position, event.globalIndex(), next,
                    sealing.ofHead(childId, position, event.globalIndex(), next));
        }
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return delegate.readEvents(aggregateIdentifier);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
