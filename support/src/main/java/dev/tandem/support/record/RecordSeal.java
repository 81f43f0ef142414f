package dev.tandem.support.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the links and heads of the children's chains with HMAC-SHA-256 under a key that is not in the
 * database: whoever can edit the tables but not read the key cannot forge a seal, so an edit, a deletion
 * or an insertion shows at the next review.
 */
public final class RecordSeal {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public RecordSeal(String key) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public byte[] ofLink(String childId, long position, byte[] hash) {
        return mac("link", childId, position, -1, hash);
    }

    public byte[] ofHead(String childId, long length, long globalIndex, byte[] hash) {
        return mac("head", childId, length, globalIndex, hash);
    }

    public boolean verifiesLink(byte[] seal, String childId, long position, byte[] hash) {
        return seal != null && MessageDigest.isEqual(seal, ofLink(childId, position, hash));
    }

    public boolean verifiesHead(byte[] seal, String childId, long length, long globalIndex, byte[] hash) {
        return seal != null && MessageDigest.isEqual(seal, ofHead(childId, length, globalIndex, hash));
    }

    private byte[] mac(String kind, String childId, long position, long globalIndex, byte[] hash) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] child = childId.getBytes(StandardCharsets.UTF_8);
            mac.update(kind.getBytes(StandardCharsets.US_ASCII));
            mac.update(ByteBuffer.allocate(4).putInt(child.length).array());
            mac.update(child);
            mac.update(ByteBuffer.allocate(16).putLong(position).putLong(globalIndex).array());
            return mac.doFinal(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every JDK", e);
        }
    }
}
