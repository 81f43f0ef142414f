package dev.tandem.support.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.support.privacy.PersonalDataCipher.Reading;
import java.util.function.Supplier;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * Axon's event serializer with personal data sealed on the way in and opened on the way out (decision
 * 0014): every {@link dev.tandem.api.common.PersonalData} field of an event is stored as an envelope
 * encrypted under its subject's key, and read back as it was, or as {@value PersonalDataCipher#ERASED}
 * once the key has been shredded. The event store, its hash chain and every upcaster see only the stored
 * (encrypted) form; events stored before their fields were sealed read as they are.
 */
public class PersonalDataSerializer implements Serializer {

    private final Serializer delegate;
    private final ObjectMapper json;
    private final Supplier<PersonalDataCipher> cipher;

    /** {@code json} must write as {@code delegate} does; {@code cipher} is looked up at first use. */
    public PersonalDataSerializer(Serializer delegate, ObjectMapper json, Supplier<PersonalDataCipher> cipher) {
        this.delegate = delegate;
        this.json = json;
        this.cipher = cipher;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object == null || PersonalDataFields.of(object.getClass()).isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        ObjectNode tree = json.valueToTree(object);
        cipher.get().sealFields(object, tree);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event cannot be written", e);
        }
        SerializedType type = delegate.typeForClass(object.getClass());
        return new SimpleSerializedObject<>(getConverter().convert(bytes, byte[].class, expectedRepresentation),
                expectedRepresentation, type);
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        if (serializedObject == null || SerializedType.emptyType().equals(serializedObject.getType())
                || serializedObject.getData() == null) {
            return delegate.deserialize(serializedObject);
        }
        JsonNode tree = getConverter().convert(serializedObject.getData(), serializedObject.getContentType(),
                JsonNode.class);
        if (tree == null) {
            return delegate.deserialize(serializedObject);
        }
        cipher.get().openAll(tree, Reading.OWN_SUBJECT);
        return (T) delegate.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class, serializedObject.getType()));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
