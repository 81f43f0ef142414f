package dev.tandem.notifier.dispatch;

import dev.tandem.api.announcement.AnnouncementBroadcast;
import dev.tandem.api.common.Language;
import dev.tandem.api.feedback.FeedbackGiven;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.meeting.MeetingCancelled;
import dev.tandem.api.meeting.MeetingRescheduled;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.notifier.NotifierProcessing;
import dev.tandem.notifier.recipients.RecipientCarer;
import dev.tandem.notifier.recipients.RecipientChild;
import dev.tandem.notifier.recipients.RecipientSetting;
import dev.tandem.notifier.recipients.Recipients;
import dev.tandem.notifier.template.About;
import dev.tandem.notifier.template.RenderedMessage;
import dev.tandem.notifier.template.Templates;
import dev.tandem.notifier.translation.CarerTexts;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells families about what is shared with them: each kind of update picks its template, with what
 * staff wrote in each carer's language where it can be ({@link CarerTexts}), and the {@link Dispatcher}
 * does the rest. Not on replay: rebuilding the recipients must never message a
 * family again about something they were told about long ago.
 */
@Component
@ProcessingGroup(NotifierProcessing.GROUP)
public class UpdateNotifier {

    private static final Logger log = LoggerFactory.getLogger(UpdateNotifier.class);

    /** One kind of update written for one carer, given what every message about it says. */
    @FunctionalInterface
    public interface Writer {
        RenderedMessage write(Language language, About about, RecipientCarer carer);
    }

    private final Recipients recipients;
    private final Dispatcher dispatcher;
    private final Templates templates;
    private final CarerTexts texts;

    public UpdateNotifier(Recipients recipients, Dispatcher dispatcher, Templates templates, CarerTexts texts) {
        this.recipients = recipients;
        this.dispatcher = dispatcher;
        this.templates = templates;
        this.texts = texts;
    }

    @EventHandler
    @DisallowReplay
    public void on(ObservationShared event) {
        tellAboutChild("OBSERVATION", event.updateId(), "", event.childId(), event.familyId(), event.settingId(),
                event.authorId(), (language, about, carer) -> templates.observation(language, about, carer.name(),
                        texts.aboutChild(event.updateId(), event.childId(), event.familyId(), event.settingId(), carer,
                                event.text(), event.nextSteps()).get(0)));
    }

    @EventHandler
    @DisallowReplay
    public void on(MeetingBooked event) {
        tellAboutChild("MEETING", event.meetingId(), "", event.childId(), event.familyId(), event.settingId(),
                event.keyPersonId(), (language, about, carer) -> templates.meetingBooked(language, about,
                        carer.name(), event.startsAt(), event.durationMinutes(), event.location(), event.purpose()));
    }

    @EventHandler
    @DisallowReplay
    public void on(MeetingRescheduled event) {
        tellAboutChild("MEETING", event.meetingId(), "rescheduled " + event.rescheduledAt(), event.childId(),
                event.familyId(), event.settingId(), event.keyPersonId(), (language, about, carer) ->
                        templates.meetingRescheduled(language, about, carer.name(), event.startsAt(),
                                event.durationMinutes(), event.previousStartsAt()));
    }

    @EventHandler
    @DisallowReplay
    public void on(MeetingCancelled event) {
        tellAboutChild("MEETING", event.meetingId(), "cancelled", event.childId(), event.familyId(), event.settingId(),
                event.keyPersonId(), (language, about, carer) ->
                        templates.meetingCancelled(language, about, carer.name(), event.startsAt(), event.reason()));
    }

    @EventHandler
    @DisallowReplay
    public void on(FeedbackGiven event) {
        tellAboutChild("FEEDBACK", event.updateId(), "", event.childId(), event.familyId(), event.settingId(),
                event.authorId(), (language, about, carer) -> templates.feedback(language, about, carer.name(),
                        texts.aboutChild(event.updateId(), event.childId(), event.familyId(), event.settingId(), carer,
                                event.text(), null).get(0)));
    }

    /** Each recipient family once (the event lists each once), through the children it reaches them by. */
    @EventHandler
    @DisallowReplay
    public void on(AnnouncementBroadcast event) {
        About about = about(event.settingId(), "", event.authorId(),
                data("ANNOUNCEMENT", event.updateId(), null));
        for (AnnouncementBroadcast.Recipient recipient : event.recipients()) {
            Notice notice = new Notice(event.updateId(), "", null, recipient.familyId(), event.settingId(),
                    recipient.childIds() == null ? Set.of() : recipient.childIds(), event.urgent());
            dispatcher.notifyFamily(notice, (language, carer) -> {
                List<String> read = texts.announced(event.updateId(), event.settingId(), carer, event.title(),
                        event.text());
                return templates.announcement(language, about, carer.name(), read.get(0), read.get(1),
                        event.eventDate());
            });
        }
    }

    /** What is still held back for a withdrawn update is dropped; {@link Dispatcher} sends nothing new for it. */
    @EventHandler
    @DisallowReplay
    public void on(UpdateWithdrawn event) {
        dispatcher.dropDeferred(event.updateId());
    }

    /**
     * Tells the family of one child about one telling ({@code occasion}) of an update about the child,
     * each carer as {@code writer} writes it; also used for the tellings no event starts (a meeting's
     * reminder). Runs in the caller's transaction.
     */
    public void tellAboutChild(String type, String updateId, String occasion, String childId, String familyId,
                               String settingId, String authorId, Writer writer) {
        Optional<RecipientChild> child = recipients.child(childId);
        if (child.isEmpty()) {
            // the recipients follow the same ordered stream, so this means the child was never registered
            log.warn("Update {} is about unknown child {}; nobody to tell", updateId, childId);
            return;
        }
        About about = about(settingId, child.get().firstName(), authorId, data(type, updateId, childId));
        Notice notice = new Notice(updateId, occasion, childId, familyId, settingId, Set.of(childId), false);
        dispatcher.notifyFamily(notice, (language, carer) -> writer.write(language, about, carer));
    }

    private About about(String settingId, String childName, String authorId, Map<String, String> data) {
        Optional<RecipientSetting> setting = recipients.setting(settingId);
        String author = authorId == null ? null : recipients.staffName(authorId).orElse(null);
        ZoneId zone = setting.map(RecipientSetting::timeZone).orElse(ZoneOffset.UTC);
        return new About(setting.map(RecipientSetting::name).orElse("Tandem"), zone, childName, author, data);
    }

    /** Lets the app open the right entry; ids only. */
    private static Map<String, String> data(String type, String updateId, String childId) {
        Map<String, String> data = new HashMap<>();
        data.put("type", type);
        data.put("updateId", updateId);
        if (childId != null) {
            data.put("childId", childId);
        }
        return data;
    }
}
