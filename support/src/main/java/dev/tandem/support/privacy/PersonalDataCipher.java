package dev.tandem.support.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seals one personal value of an event into an envelope, and opens it again (decision 0014). A sealed
 * value is stored in the event's JSON in place of the value:
 *
 * <pre>{"@pd": 1, "t": "s", "o": "family:…", "k": [{"s": "family:…", "c": "…"}, {"s": "child:…", "c": "…"}]}</pre>
 *
 * {@code t} says whether the value was text ({@code s}) or other JSON ({@code j}, a date say), {@code o} names the
 * value's own subject, the only one ordinary reading may open; each entry of {@code k}
 * is the value encrypted (AES-256-GCM, Tink) under one subject's key, the field's name and the subject
 * bound in as associated data so that a ciphertext moved to another field or subject does not open.
 * Ordinary reading opens only the own subject's entry; a safeguarding review may open the child's too. What no key opens any more reads as {@value #ERASED} (text) or null.
 */
public class PersonalDataCipher {

    public static final String ERASED = "[erased]";
    static final String MARK = "@pd";

    /** Which entries of an envelope a reader may open. */
    public enum Reading {
        /** The value's own subject only: everything but the safeguarding review. */
        OWN_SUBJECT,
        /** Any subject's entry, the child's safeguarding key included. */
        SAFEGUARDING_RECORD
    }

    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder UNBASE64 = Base64.getDecoder();

    private final SubjectKeys keys;
    private final ObjectMapper json;

    public PersonalDataCipher(SubjectKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    /** Replaces each personal field of {@code tree}, the JSON of {@code message}, by its envelope. */
    void sealFields(Object message, ObjectNode tree) {
        PersonalDataFields personal = PersonalDataFields.of(message.getClass());
        for (PersonalDataFields.Field field : personal.fields()) {
            JsonNode value = tree.get(field.name());
            if (value == null || value.isNull() || isEnvelope(value)) {
                continue;
            }
            tree.set(field.name(), seal(field.name(), value, field.text() && value.isTextual(),
                    personal.keysFor(message, field.subject())));
        }
    }

    /** The value under each subject's key that has not been erased; if every subject has been, the erased value. */
    JsonNode seal(String field, JsonNode value, boolean text, List<String> subjects) {
        byte[] plain = text ? value.textValue().getBytes(StandardCharsets.UTF_8) : bytes(value);
        ArrayNode entries = JsonNodeFactory.instance.arrayNode();
        for (String subject : subjects) {
            Optional<Aead> key = keys.forWriting(subject);
            if (key.isEmpty()) {
                continue;
            }
            try {
                entries.addObject()
                        .put("s", subject)
                        .put("c", BASE64.encodeToString(key.get().encrypt(plain, associated(field, subject))));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("A personal value cannot be encrypted", e);
            }
        }
        if (entries.isEmpty()) {
            return erased(text);
        }
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put(MARK, 1);
        envelope.put("t", text ? "s" : "j");
        envelope.put("o", subjects.get(0));
        envelope.set("k", entries);
        return envelope;
    }

    /** Opens every envelope in {@code tree}, at any depth, in place; answers whether there was any. */
    boolean openAll(JsonNode tree, Reading reading) {
        boolean found = false;
        if (tree instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (isEnvelope(field.getValue())) {
                    field.setValue(open(field.getKey(), (ObjectNode) field.getValue(), reading));
                    found = true;
                } else {
                    found |= openAll(field.getValue(), reading);
                }
            }
        } else if (tree instanceof ArrayNode array) {
            for (JsonNode element : array) {
                found |= openAll(element, reading);
            }
        }
        return found;
    }

    /** The stored JSON of an event with every envelope opened for {@code reading}; other bytes as they are. */
    public byte[] openAll(byte[] storedJson, Reading reading) {
        if (storedJson == null) {
            return null;
        }
        JsonNode tree;
        try {
            tree = json.readTree(storedJson);
        } catch (java.io.IOException notJson) {
            return storedJson;
        }
        return openAll(tree, reading) ? bytes(tree) : storedJson;
    }

    JsonNode open(String field, ObjectNode envelope, Reading reading) {
        boolean text = "s".equals(envelope.path("t").asText());
        String own = envelope.path("o").asText();
        JsonNode entries = envelope.path("k");
        for (int i = 0; i < entries.size(); i++) {
            String subject = entries.get(i).path("s").asText();
            if (reading == Reading.OWN_SUBJECT && !subject.equals(own)) {
                continue;
            }
            Optional<Aead> key = keys.forReading(subject);
            if (key.isEmpty()) {
                continue;
            }
            byte[] plain;
            try {
                plain = key.get().decrypt(UNBASE64.decode(entries.get(i).path("c").asText()), associated(field, subject));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // edited behind the platform's back: the chain reports it; the value cannot be shown
                continue;
            }
            return text ? JsonNodeFactory.instance.textNode(new String(plain, StandardCharsets.UTF_8)) : tree(plain);
        }
        return erased(text);
    }

    static boolean isEnvelope(JsonNode node) {
        return node != null && node.isObject() && node.has(MARK);
    }

    private static JsonNode erased(boolean text) {
        return text ? JsonNodeFactory.instance.textNode(ERASED) : JsonNodeFactory.instance.nullNode();
    }

    private static byte[] associated(String field, String subject) {
        return (field + "\n" + subject).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON value cannot be written", e);
        }
    }

    private JsonNode tree(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (java.io.IOException e) {
            return JsonNodeFactory.instance.nullNode();
        }
    }
}
