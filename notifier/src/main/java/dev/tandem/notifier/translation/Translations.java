package dev.tandem.notifier.translation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.notifier.translation.TranslationEngine.TranslationFailed;
import dev.tandem.notifier.translation.TranslationEngine.Translated;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Staff free text in a carer's language: translated once per update and language, kept
 * ({@code notifier_translation}) and told as an event by the caller, so that the next carer of that
 * language, a redelivered event and the timeline all use the same translation and no replay asks the
 * engine again (docs/decisions/0017).
 *
 * <p>A notification never waits for the engine longer than the deadline: past it, or when the engine
 * refuses, the carer is told in the original, and the same update and language are not asked again for
 * a minute, so that a broadcast to hundreds of families costs one deadline, not hundreds. A text
 * already in the carer's language (the setting's own, or as the engine finds it) is not translated.
 * Nothing of the text is logged.
 */
public class Translations {

    private static final Logger log = LoggerFactory.getLogger(Translations.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> TEXTS = new TypeReference<>() {
    };
    private static final Duration NOT_AGAIN_FOR = Duration.ofMinutes(1);

    /** The texts in the carer's language, and the language the originals were in. */
    public record Translation(List<String> texts, String originalLanguage, String engine) {
    }

    private final Optional<TranslationEngine> engine;
    private final Duration deadline;
    private final JdbcClient jdbc;
    private final ExecutorService calls;
    private final Clock clock;
    private final Map<String, Instant> failedUntil = new ConcurrentHashMap<>();

    public Translations(Optional<TranslationEngine> engine, Duration deadline, JdbcClient jdbc, ExecutorService calls,
                        Clock clock) {
        this.engine = engine;
        this.deadline = deadline;
        this.jdbc = jdbc;
        this.calls = calls;
        this.clock = clock;
    }

    /**
     * The update's texts ({@code null}s stay null) in {@code language}, or empty when the carer is to be
     * told in the original. {@code written} is the language the setting writes in; {@code familyId} is
     * whose erasure removes the kept translation (null for an announcement). A new translation is kept
     * and handed to {@code told} (which publishes its event) in the caller's transaction.
     */
    public Optional<Translation> of(String updateId, String familyId, List<String> originals, String written,
                                    String language, Consumer<Translation> told) {
        if (engine.isEmpty() || language == null || sameLanguage(written, language)
                || originals.stream().allMatch(text -> text == null || text.isBlank())) {
            return Optional.empty();
        }
        Optional<Optional<Translation>> kept = kept(updateId, language);
        if (kept.isPresent()) {
            return kept.get();
        }
        String key = updateId + "|" + language;
        Instant now = clock.instant();
        Instant until = failedUntil.get(key);
        if (until != null && now.isBefore(until)) {
            return Optional.empty();
        }
        Optional<Translated> answer = ask(originals, language);
        if (answer.isEmpty()) {
            failedUntil.put(key, now.plus(NOT_AGAIN_FOR));
            return Optional.empty();
        }
        failedUntil.remove(key);
        Translated translated = answer.get();
        boolean same = sameLanguage(translated.sourceLanguage(), language);
        Translation translation = new Translation(translated.texts(),
                translated.sourceLanguage() == null ? written : translated.sourceLanguage(), engine.get().name());
        int inserted = jdbc.sql("""
                        INSERT INTO notifier_translation (update_id, language, family_id, original_language, texts,
                                                          translated, engine, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(updateId, language, familyId, translation.originalLanguage(), json(translation.texts()), !same,
                        translation.engine(), now.atOffset(ZoneOffset.UTC))
                .update();
        if (same) {
            return Optional.empty();
        }
        if (inserted == 1) {
            told.accept(translation);
        }
        return Optional.of(translation);
    }

    /** Empty when nothing is kept; holding empty when the text was found to be in the language already. */
    private Optional<Optional<Translation>> kept(String updateId, String language) {
        return jdbc.sql("SELECT * FROM notifier_translation WHERE update_id = ? AND language = ?")
                .params(updateId, language)
                .query((rs, row) -> rs.getBoolean("translated")
                        ? Optional.of(new Translation(texts(rs.getString("texts")), rs.getString("original_language"),
                                rs.getString("engine")))
                        : Optional.<Translation>empty())
                .optional();
    }

    /** Only the texts there are go to the engine; the answer has each in its place, an absent one null. */
    private Optional<Translated> ask(List<String> originals, String language) {
        List<Integer> present = IntStream.range(0, originals.size())
                .filter(i -> originals.get(i) != null && !originals.get(i).isBlank())
                .boxed().toList();
        List<String> texts = present.stream().map(originals::get).toList();
        Future<Translated> call = calls.submit(() -> engine.get().translate(texts, language));
        try {
            Translated translated = call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (translated.texts().size() != texts.size()) {
                log.warn("The translation engine answered {} texts for {}; the original is sent",
                        translated.texts().size(), texts.size());
                return Optional.empty();
            }
            List<String> placed = new ArrayList<>(Collections.nCopies(originals.size(), (String) null));
            for (int i = 0; i < present.size(); i++) {
                placed.set(present.get(i), translated.texts().get(i));
            }
            return Optional.of(new Translated(placed, translated.sourceLanguage()));
        } catch (TimeoutException e) {
            call.cancel(true);
            log.warn("The translation engine did not answer within {}; the original is sent", deadline);
        } catch (ExecutionException e) {
            String reason = e.getCause() instanceof TranslationFailed failed ? failed.getMessage()
                    : e.getCause().getClass().getSimpleName();
            log.warn("The translation engine gave no translation ({}); the original is sent", reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    static boolean sameLanguage(String one, String other) {
        return one != null && other != null
                && Locale.forLanguageTag(one).getLanguage().equals(Locale.forLanguageTag(other).getLanguage());
    }

    private static String json(List<String> texts) {
        try {
            return JSON.writeValueAsString(texts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings cannot fail to serialise", e);
        }
    }

    private static List<String> texts(String json) {
        try {
            return JSON.readValue(json, TEXTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notifier_translation.texts is not the JSON this class wrote", e);
        }
    }
}
