package dev.tandem.support.record;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads a child's safeguarding record straight from the event store and recomputes its chain. The
 * child's links give the global positions of its events (one indexed read each for the links and the
 * rows, so a review costs what the child's record holds, not what the store holds); the events of the
 * aggregates that are about this child alone (the child itself, its observations, meetings and feedback)
 * are read too, so that a row inserted behind the platform's back shows even though no link points at it.
 * Everything is read in one repeatable-read snapshot, so an event committed meanwhile cannot look inserted.
 */
public class ChildRecords {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final RecordSeal seal;

    public ChildRecords(JdbcTemplate jdbc, PlatformTransactionManager transactions, RecordSeal seal) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.seal = seal;
    }

    /**
     * The events whose time lies in {@code [from, to]} (null bounds are open), with the chain verified up
     * to the last of them; an event stored later than {@code to} is neither shown nor verified.
     */
    public ChildRecord read(String childId, Instant from, Instant to) {
        return snapshot.execute(status -> readInSnapshot(childId, from, to));
    }

    private ChildRecord readInSnapshot(String childId, Instant from, Instant to) {
        List<Link> links = jdbc.query("""
                        SELECT position, global_index, event_identifier, hash, seal FROM record_link
                        WHERE child_id = ? ORDER BY position""",
                (row, n) -> new Link(row.getLong("position"), row.getLong("global_index"),
                        row.getString("event_identifier"), row.getBytes("hash"), row.getBytes("seal")),
                childId);
        Map<Long, StoredEvent> rows = new TreeMap<>();
        Long[] positions = links.stream().map(Link::globalIndex).toArray(Long[]::new);
        jdbc.query("SELECT " + StoredEvent.COLUMNS + " FROM domainevententry WHERE globalindex = ANY (?)",
                (row, n) -> rows.put(row.getLong("globalindex"), StoredEvent.from(row)), (Object) positions);
        List<String> ownAggregates = new ArrayList<>(jdbc.queryForList(
                "SELECT update_id FROM record_update_child WHERE child_id = ? AND sole", String.class, childId));
        ownAggregates.add(childId);
        jdbc.query("SELECT " + StoredEvent.COLUMNS + " FROM domainevententry WHERE aggregateidentifier = ANY (?)",
                (row, n) -> rows.putIfAbsent(row.getLong("globalindex"), StoredEvent.from(row)),
                (Object) ownAggregates.toArray(String[]::new));
        Head head = jdbc.query("SELECT length, global_index, hash, seal FROM record_head WHERE child_id = ?",
                        (row, n) -> new Head(row.getLong("length"), row.getLong("global_index"),
                                row.getBytes("hash"), row.getBytes("seal")), childId)
                .stream().findFirst().orElse(null);
        return verify(childId, chronology(links, rows), head, from, to);
    }

    /** Links and rows merged in the store's order: a link whose row is gone, a row no link points at. */
    private static List<Entry> chronology(List<Link> links, Map<Long, StoredEvent> rows) {
        Map<Long, Entry> entries = new TreeMap<>();
        for (Link link : links) {
            entries.put(link.globalIndex(), new Entry(link.globalIndex(), link, rows.get(link.globalIndex())));
        }
        rows.forEach((globalIndex, row) -> entries.putIfAbsent(globalIndex, new Entry(globalIndex, null, row)));
        return new ArrayList<>(entries.values());
    }

    private ChildRecord verify(String childId, List<Entry> entries, Head head, Instant from, Instant to) {
        int last = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).upTo(to)) {
                last = i;
            }
        }
        byte[] hash = ChainingEventStorageEngine.GENESIS;
        long expectedPosition = 1;
        Long brokenAt = null;
        List<StoredEvent> shown = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            Entry entry = entries.get(i);
            boolean matches;
            if (entry.link() == null) {
                matches = false; // a row no link of this child points at: inserted behind the platform's back
            } else if (entry.row() == null) {
                matches = false; // a linked event whose row is gone
                hash = entry.link().hash();
                expectedPosition = entry.link().position() + 1;
            } else {
                byte[] recomputed = entry.row().link(hash);
                matches = entry.link().position() == expectedPosition
                        && entry.row().eventIdentifier().equals(entry.link().eventIdentifier())
                        && seal.verifiesLink(entry.link().seal(), childId, entry.link().position(), recomputed);
                hash = recomputed;
                expectedPosition = entry.link().position() + 1;
            }
            if (!matches && brokenAt == null) {
                brokenAt = entry.globalIndex();
            }
            if (entry.row() != null && entry.within(from, to)) {
                shown.add(entry.row());
            }
        }
        boolean wholeChain = last == entries.size() - 1;
        if (brokenAt == null && wholeChain && !headMatches(childId, head, expectedPosition - 1, hash)) {
            // the chain ends earlier than its sealed head says (its last links removed), or the head was forged
            brokenAt = head != null && head.globalIndex() > 0 ? head.globalIndex()
                    : entries.isEmpty() ? 0L : entries.get(last).globalIndex();
        }
        return new ChildRecord(childId, shown,
                new ChildRecord.Integrity(brokenAt == null, shown.size(), HexFormat.of().formatHex(hash), brokenAt));
    }

    private boolean headMatches(String childId, Head head, long length, byte[] hash) {
        if (head == null || head.length() == 0) {
            return length == 0;
        }
        return head.length() == length
                && seal.verifiesHead(head.seal(), childId, head.length(), head.globalIndex(), hash);
    }

    private record Link(long position, long globalIndex, String eventIdentifier, byte[] hash, byte[] seal) {
    }

    private record Head(long length, long globalIndex, byte[] hash, byte[] seal) {
    }

    private record Entry(long globalIndex, Link link, StoredEvent row) {

        boolean within(Instant from, Instant to) {
            Instant at = occurredAt();
            return at != null && (from == null || !at.isBefore(from)) && (to == null || !at.isAfter(to));
        }

        /**
         * Whether the chain is verified through this entry. A link whose row is gone (or whose time no
         * longer reads) has no time of its own: it is verified when a later entry is, or when nothing
         * bounds the review.
         */
        boolean upTo(Instant to) {
            if (to == null) {
                return true;
            }
            Instant at = occurredAt();
            return at != null && !at.isAfter(to);
        }

        private Instant occurredAt() {
            if (row == null) {
                return null;
            }
            try {
                return Instant.parse(row.timestamp());
            } catch (DateTimeParseException | NullPointerException unreadable) {
                return null;
            }
        }
    }
}
