package dev.tandem.notifier.template;

import dev.tandem.api.common.Language;
import dev.tandem.api.concern.SafeguardingAlertReason;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Writes notifications from the translated bundles in {@code notifier/messages*.properties} (ICU
 * MessageFormat, see {@link MessageBundle}), one per {@link Language}: each kind
 * of update has the same five messages (SMS, email subject and body, push title and body) taking the
 * same leading arguments ({@link About} and the carer's name), then its own. Dates and times are written
 * in the carer's language, in the setting's time zone. The bundle is the notifier's own (not the
 * context's {@code messageSource}), so that it cannot clash with another service's messages when all
 * run in one process. What goes to staff (safeguarding leads' alerts) is
 * in {@code notifier/staff-messages.properties}, in English only, apart from everything carers read.
 */
@Component
public class Templates {

    /** Long texts are cut in an SMS (the full text is in the app and the email). */
    static final int SMS_TEXT_LIMIT = 300;

    private final MessageBundle messages = new MessageBundle("notifier/messages");
    private final MessageBundle staffMessages = new MessageBundle("notifier/staff-messages");
    private final int smsMaxSegments;
    private final String publicUrl;

    /**
     * @param smsMaxSegments how many segments an SMS may take ({@code PLATFORM_SMS_MAX_SEGMENTS}); a longer
     *                       one is shortened to fit, ending with a link to the update
     * @param publicUrl      where the web client is ({@code PLATFORM_PUBLIC_URL})
     */
    @Autowired
    public Templates(@Value("${platform.sms.max-segments:3}") int smsMaxSegments,
                     @Value("${platform.public-url:http://localhost:8080}") String publicUrl) {
        if (smsMaxSegments < 1) {
            throw new IllegalArgumentException("platform.sms.max-segments must be at least 1");
        }
        this.smsMaxSegments = smsMaxSegments;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    public Templates() {
        this(3, "http://localhost:8080");
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
                minutes(durationMinutes, language), where, what);
    }

    public RenderedMessage meetingRescheduled(Language language, About about, String carerName, Instant startsAt,
                                             int durationMinutes, Instant previousStartsAt) {
        return render("meeting.rescheduled", language, about, carerName, dateTime(startsAt, about, language),
                minutes(durationMinutes, language), dateTime(previousStartsAt, about, language));
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
                staffMessages.format(kind + ".email.subject", Language.ENGLISH.locale(), args),
                staffMessages.format(kind + ".email.body", Language.ENGLISH.locale(), args),
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
                SmsFit.fit(part(kind + ".sms", language, smsArgs), smsMaxSegments, link(about)),
                part(kind + ".email.subject", language, args),
                part(kind + ".email.body", language, args),
                part(kind + ".push.title", language, args),
                part(kind + ".push.body", language, args),
                about.data());
    }

    /** Where the web client shows the update the message is about. */
    private String link(About about) {
        String updateId = about.data().get("updateId");
        return updateId == null ? publicUrl : publicUrl + "/#updates/" + updateId;
    }

    /** A message whose optional arguments were empty reads as if they had never been there. */
    private String part(String code, Language language, Object[] args) {
        return message(code, language, args)
                .replaceAll("[ \\t]+\\n", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    /** How long, in the language's plural forms: {@code 30 minutes}, {@code 22 minuty}, {@code 25 minut}. */
    private String minutes(int durationMinutes, Language language) {
        return message("meeting.minutes", language, durationMinutes);
    }

    private String dateTime(Instant instant, About about, Language language) {
        return DateTimeFormatter.ofPattern(message("format.dateTime", language), language.locale())
                .withZone(about.timeZone())
                .format(instant);
    }

    private static Object shortened(Object arg) {
        return arg instanceof String text && text.length() > SMS_TEXT_LIMIT
                // three dots, not an ellipsis: one character outside GSM-7 would make the whole SMS UCS-2
                ? text.substring(0, SMS_TEXT_LIMIT - 3) + "..."
                : arg;
    }

    private String message(String code, Language language, Object... args) {
        return messages.format(code, language.locale(), args);
    }
}
