package dev.tandem.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.family.FamilyErased;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * What erasing a family must do to one processing group's read models, checked on the documents as Mongo
 * holds them (not as a projection maps them), so that a personal text is found in whatever field it hides.
 * Events are handed to the group's projections as its processor would: each to every handler of its type.
 */
public final class ErasureCheck {

    private final ReactiveMongoTemplate mongo;
    private final List<String> collections;
    private final Predicate<Document> ofTheErasedFamily;
    private final List<AnnotationEventHandlerAdapter> projections = new ArrayList<>();

    /** {@code ofTheErasedFamily} tells the documents erasure may change from those it must leave as they are. */
    public ErasureCheck(ReactiveMongoTemplate mongo, List<String> collections, Predicate<Document> ofTheErasedFamily,
                        Object... projections) {
        this.mongo = mongo;
        this.collections = List.copyOf(collections);
        this.ofTheErasedFamily = ofTheErasedFamily;
        for (Object projection : projections) {
            this.projections.add(new AnnotationEventHandlerAdapter(projection));
        }
    }

    public void project(List<?> events) throws Exception {
        for (Object event : events) {
            EventMessage<?> message = GenericEventMessage.asEventMessage(event);
            for (AnnotationEventHandlerAdapter projection : projections) {
                if (projection.canHandle(message)) {
                    projection.handle(message);
                }
            }
        }
    }

    /** Every document of the group's collections, by collection and id. */
    public Map<String, Document> documents() {
        Map<String, Document> documents = new TreeMap<>();
        for (String collection : collections) {
            Mongo.await(mongo.findAll(Document.class, collection).collectList())
                    .forEach(document -> documents.put(collection + "/" + document.get("_id"), document));
        }
        return documents;
    }

    /**
     * Projects {@code history} and erases the family, checking that the {@code personal} texts were held
     * before (so that the check can fail) and are held nowhere after, that every document not of the erased
     * family is as it was, and that the erasure delivered again changes no document. The documents after.
     */
    public Map<String, Document> erasing(List<?> history, FamilyErased erasure, Collection<String> personal)
            throws Exception {
        project(history);
        Map<String, Document> before = documents();
        assertThat(holding(before, personal)).as("the family's personal texts before the erasure").isNotEmpty();

        project(List.of(erasure));
        Map<String, Document> after = documents();
        assertThat(holding(after, personal)).as("the family's personal texts after the erasure").isEmpty();
        assertThat(matching(after, ofTheErasedFamily.negate())).as("the other families' documents")
                .isEqualTo(matching(before, ofTheErasedFamily.negate()));

        project(List.of(erasure));
        assertThat(documents()).as("the documents after the erasure was delivered again").isEqualTo(after);
        return after;
    }

    /**
     * Projects {@code history} as the event store reads it after the erasure (a rebuild), then the erasure
     * itself: the documents, to compare with those erased at once.
     */
    public Map<String, Document> rebuilding(List<?> history, FamilyErased erasure) throws Exception {
        project(history);
        project(List.of(erasure));
        return documents();
    }

    /** Each stored string that holds any of {@code texts}, as {@code collection/id: value}. */
    public static List<String> holding(Map<String, Document> documents, Collection<String> texts) {
        List<String> found = new ArrayList<>();
        documents.forEach((key, document) -> collect(key, document, texts, found));
        return found;
    }

    /** The documents with {@code fields} left out at any depth: what a replay numbers afresh, say. */
    public static Map<String, Document> without(Map<String, Document> documents, String... fields) {
        Map<String, Document> kept = new TreeMap<>();
        documents.forEach((key, document) -> kept.put(key, (Document) strip(document, List.of(fields))));
        return kept;
    }

    private static Map<String, Document> matching(Map<String, Document> documents, Predicate<Document> wanted) {
        Map<String, Document> kept = new TreeMap<>();
        documents.forEach((key, document) -> {
            if (wanted.test(document)) {
                kept.put(key, document);
            }
        });
        return kept;
    }

    private static void collect(String where, Object value, Collection<String> texts, List<String> found) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(inner -> collect(where, inner, texts, found));
        } else if (value instanceof Collection<?> values) {
            values.forEach(inner -> collect(where, inner, texts, found));
        } else if (value instanceof String text && texts.stream().anyMatch(text::contains)) {
            found.add(where + ": " + text);
        }
    }

    private static Object strip(Object value, List<String> fields) {
        if (value instanceof Document document) {
            Document kept = new Document();
            document.forEach((name, inner) -> {
                if (!fields.contains(name)) {
                    kept.put(name, strip(inner, fields));
                }
            });
            return kept;
        }
        if (value instanceof List<?> values) {
            return values.stream().map(inner -> strip(inner, fields)).toList();
        }
        return value;
    }
}
