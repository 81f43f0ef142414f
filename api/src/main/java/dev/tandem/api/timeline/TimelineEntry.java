package dev.tandem.api.timeline;

import dev.tandem.api.common.EyfsArea;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One update as a family sees it. Fields that do not apply to its type are null or empty. Beyond the
 * contract: {@code eventDate} and {@code urgent} of an announcement, {@code inReplyTo} of feedback.
 *
 * <p>What staff wrote is as they wrote it, with its machine translations in {@code translations} (by
 * BCP 47 language); {@link #readIn} gives the entry as a carer of one language reads it, with
 * {@code translated}, {@code originalText}, {@code originalTitle}, {@code originalNextSteps} and
 * {@code originalLanguage}. Staff read the original.
 */
public record TimelineEntry(String id, EntryType type, String childId, String childName, Author author,
                            Instant occurredAt, String title, String text, Set<EyfsArea> areas, String nextSteps,
                            Meeting meeting, List<Reply> replies, List<String> acknowledgedBy, LocalDate eventDate,
                            boolean urgent, String inReplyTo, boolean translated, String originalTitle,
                            String originalText, String originalNextSteps, String originalLanguage,
                            Map<String, Translation> translations) {

    /** An entry as staff wrote it, with the translations made of it so far. */
    public TimelineEntry(String id, EntryType type, String childId, String childName, Author author,
                         Instant occurredAt, String title, String text, Set<EyfsArea> areas, String nextSteps,
                         Meeting meeting, List<Reply> replies, List<String> acknowledgedBy, LocalDate eventDate,
                         boolean urgent, String inReplyTo, Map<String, Translation> translations) {
        this(id, type, childId, childName, author, occurredAt, title, text, areas, nextSteps, meeting, replies,
                acknowledgedBy, eventDate, urgent, inReplyTo, false, null, null, null, null,
                translations == null ? Map.of() : translations);
    }

    /**
     * The entry as a reader of this language reads it: translated when there is a translation into the
     * language (its language subtag, so {@code pt-BR} reads a {@code pt} one too), else as written; a
     * carer is not shown the other languages' translations.
     */
    public TimelineEntry readIn(String language) {
        Translation translation = language == null || translations == null ? null
                : translations.getOrDefault(language, translations.get(Locale.forLanguageTag(language).getLanguage()));
        if (translation == null) {
            return new TimelineEntry(id, type, childId, childName, author, occurredAt, title, text, areas, nextSteps,
                    meeting, replies, acknowledgedBy, eventDate, urgent, inReplyTo, false, null, null, null, null,
                    Map.of());
        }
        return new TimelineEntry(id, type, childId, childName, author, occurredAt,
                translation.title() == null ? title : translation.title(),
                translation.text() == null ? text : translation.text(), areas,
                translation.nextSteps() == null ? nextSteps : translation.nextSteps(), meeting, replies,
                acknowledgedBy, eventDate, urgent, inReplyTo, true, title, text, nextSteps,
                translation.originalLanguage(), Map.of());
    }

    /** What staff wrote, machine-translated; a part that was not written is null. */
    public record Translation(String title, String text, String nextSteps, String originalLanguage) {
    }

    public enum EntryType { OBSERVATION, MEETING, FEEDBACK, ANNOUNCEMENT }

    public record Author(String id, String name) {
    }

    public record Meeting(Instant startsAt, Integer durationMinutes, String location, String status) {
    }

    /**
     * A carer's reply as written, and (beyond the contract) its machine translation into the language
     * of the setting's staff, if one was made.
     */
    public record Reply(String id, String carerId, String text, String channel, Instant receivedAt,
                        String translatedText, String translatedLanguage) {
    }
}
