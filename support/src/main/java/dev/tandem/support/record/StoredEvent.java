package dev.tandem.support.record;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of Axon's {@code domainevententry}, exactly as stored: what a child's chain covers, and what a
 * safeguarding review shows.
 */
public record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                          String aggregateType, String payloadType, String payloadRevision, String timestamp,
                          byte[] payload, byte[] metadata) {

    /** The columns {@link #from(ResultSet)} reads, for a {@code SELECT} on {@code domainevententry}. */
    public static final String COLUMNS = "globalindex, eventidentifier, aggregateidentifier, sequencenumber, type, "
            + "payloadtype, payloadrevision, timestamp, payload, metadata";

    public static StoredEvent from(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong("globalindex"), row.getString("eventidentifier"),
                row.getString("aggregateidentifier"), row.getLong("sequencenumber"), row.getString("type"),
                row.getString("payloadtype"), row.getString("payloadrevision"), row.getString("timestamp"),
                row.getBytes("payload"), row.getBytes("metadata"));
    }

    /** The event's type without its package: {@code ObservationShared}. */
    public String simpleType() {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }

    /**
     * The next link of a chain: SHA-256 over the previous link and every stored column of this event, each
     * column length-prefixed so that no two different rows can encode alike.
     */
    public byte[] link(byte[] previous) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + payload.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            field(out, previous);
            out.writeLong(globalIndex);
            field(out, eventIdentifier);
            field(out, aggregateIdentifier);
            out.writeLong(sequenceNumber);
            field(out, aggregateType);
            field(out, payloadType);
            field(out, payloadRevision);
            field(out, timestamp);
            field(out, payload);
            field(out, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sha256(bytes.toByteArray());
    }

    private static void field(DataOutputStream out, String value) throws IOException {
        field(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(value.length);
            out.write(value);
        }
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
