package dev.tandem.notifier.template;

import dev.tandem.api.common.Language;
import dev.tandem.api.concern.SafeguardingAlertReason;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * Writes notifications from the translated bundles in {@code notifier/messages*.properties}: each kind
 * of update has the same five messages (SMS, email subject and body, push title and body) taking the
 * same leading arguments ({@link About} and the carer's name), then its own. The bundle is the
 * notifier's own (not the context's {@code messageSource}), so that it cannot clash with another
 * service's messages when all run in one process. What goes to staff (safeguarding leads' alerts) is
 * in {@code notifier/staff-messages.properties}, in English only, apart from everything carers read.
 */
@Component
public class Templates {

    /** Long texts are cut in an SMS (the full text is in the app and the email). */
    static final int SMS_TEXT_LIMIT = 300;

    private final MessageSource messages;
    private final MessageSource staffMessages;

    public Templates() {
        this.messages = bundle("notifier/messages");
        this.staffMessages = bundle("notifier/staff-messages");
    }

    private static MessageSource bundle(String basename) {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename(basename);
        source.setDefaultEncoding("UTF-8");
        // English is the base bundle; without this a server with a Polish default locale would answer in Polish
        source.setFallbackToSystemLocale(false);
        source.setUseCodeAsDefaultMessage(false);
        return source;
    }

    public RenderedMessage observation(Language language, About about, String carerName, String text) {
        return render("observation", language, about, carerName, text);
    }

    public RenderedMessage meetingBooked(Language language, About about, String carerName, Instant startsAt,
                                        int durationMinutes, String location, String purpose) {
        return meeting("meeting.booked", language, about, carerName, startsAt, durationMinutes, location, purpose);
    }

    /**
     * A reminder of a booked meeting. It gives the day and time rather than "tomorrow": a reminder held
     * back by quiet hours goes out later than it was written, and the lead time is the setting's choice.
     */
    public RenderedMessage meetingReminder(Language language, About about, String carerName, Instant startsAt,
                                          int durationMinutes, String location, String purpose) {
        return meeting("meeting.reminder", language, about, carerName, startsAt, durationMinutes, location, purpose);
    }

    private RenderedMessage meeting(String kind, Language language, About about, String carerName, Instant startsAt,
                                    int durationMinutes, String location, String purpose) {
        String where = location == null || location.isBlank() ? about.nursery() : location;
        String what = purpose == null || purpose.isBlank() ? "" : message("meeting.purpose", language, purpose);
        return render(kind, language, about, carerName, dateTime(startsAt, about, language),
                String.valueOf(durationMinutes), where, what);
    }

    public RenderedMessage meetingRescheduled(Language language, About about, String carerName, Instant startsAt,
                                             int durationMinutes, Instant previousStartsAt) {
        return render("meeting.rescheduled", language, about, carerName, dateTime(startsAt, about, language),
                String.valueOf(durationMinutes), dateTime(previousStartsAt, about, language));
    }

    public RenderedMessage meetingCancelled(Language language, About about, String carerName, Instant startsAt,
                                           String reason) {
        String why = reason == null || reason.isBlank() ? message("meeting.noReason", language) : reason;
        return render("meeting.cancelled", language, about, carerName, dateTime(startsAt, about, language), why);
    }

    public RenderedMessage feedback(Language language, About about, String carerName, String text) {
        return render("feedback", language, about, carerName, text);
    }

    public RenderedMessage announcement(Language language, About about, String carerName, String title, String text,
                                        LocalDate eventDate) {
        String when = eventDate == null ? "" : message("announcement.eventDate", language,
                DateTimeFormatter.ofPattern(message("format.date", language), language.locale()).format(eventDate));
        return render("announcement", language, about, carerName, title, text, when);
    }

    /**
     * An alert for a designated safeguarding lead. It names the setting and links to the platform, and
     * on purpose nothing else: not the child, not the concern's text or category. Email only (it goes to
     * the lead's sign-in address): the other parts are empty.
     */
    public RenderedMessage safeguardingAlert(SafeguardingAlertReason reason, String nursery, String link) {
        String kind = switch (reason) {
            case NEW_CONCERN -> "safeguarding.newConcern";
            case OVERDUE -> "safeguarding.overdue";
        };
        Object[] args = {nursery, link};
        return new RenderedMessage(Language.ENGLISH, "",
                staffMessages.getMessage(kind + ".email.subject", args, Language.ENGLISH.locale()),
                staffMessages.getMessage(kind + ".email.body", args, Language.ENGLISH.locale()),
                "", "", Map.of());
    }

    private RenderedMessage render(String kind, Language language, About about, String carerName, Object... own) {
        String author = about.author() == null || about.author().isBlank()
                ? message("author.unknown", language)
                : about.author();
        Object[] args = Stream.concat(Stream.of(about.nursery(), about.childName(), author, carerName),
                Arrays.stream(own)).toArray();
        Object[] smsArgs = Arrays.stream(args).map(Templates::shortened).toArray();
        return new RenderedMessage(language,
                part(kind + ".sms", language, smsArgs),
                part(kind + ".email.subject", language, args),
                part(kind + ".email.body", language, args),
                part(kind + ".push.title", language, args),
                part(kind + ".push.body", language, args),
                about.data());
    }

    /** A message whose optional arguments were empty reads as if they had never been there. */
    private String part(String code, Language language, Object[] args) {
        return message(code, language, args)
                .replaceAll("[ \\t]+\\n", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    private String dateTime(Instant instant, About about, Language language) {
        return DateTimeFormatter.ofPattern(message("format.dateTime", language), language.locale())
                .withZone(about.timeZone())
                .format(instant);
    }

    private static Object shortened(Object arg) {
        return arg instanceof String text && text.length() > SMS_TEXT_LIMIT
                ? text.substring(0, SMS_TEXT_LIMIT - 1) + "…"
                : arg;
    }

    private String message(String code, Language language, Object... args) {
        return messages.getMessage(code, args, language.locale());
    }
}
