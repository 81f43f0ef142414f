package dev.tandem.notifier.translation;

import dev.tandem.api.common.Language;
import dev.tandem.api.translation.AnnouncementTranslated;
import dev.tandem.api.translation.UpdateTranslated;
import dev.tandem.notifier.recipients.RecipientCarer;
import dev.tandem.notifier.recipients.RecipientSetting;
import dev.tandem.notifier.recipients.Recipients;
import dev.tandem.notifier.translation.Translations.Translation;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.stereotype.Component;

/**
 * Staff free text as one carer reads it: in the carer's own language when the engine can give it in
 * time (a translation told once per update and language as an event, for the timeline and the record),
 * else as written. The setting's default language is the one staff are taken to write in.
 */
@Component
public class CarerTexts {

    private final Translations translations;
    private final Recipients recipients;
    private final EventGateway events;
    private final Clock clock;

    public CarerTexts(Translations translations, Recipients recipients, EventGateway events, Clock clock) {
        this.translations = translations;
        this.recipients = recipients;
        this.events = events;
        this.clock = clock;
    }

    /** An update about one child: its text and next steps (either may be null), as the carer reads them. */
    public List<String> aboutChild(String updateId, String childId, String familyId, String settingId,
                                   RecipientCarer carer, String text, String nextSteps) {
        List<String> originals = Arrays.asList(text, nextSteps);
        return translations.of(updateId, familyId, originals, writtenIn(settingId), carer.preferredLanguage(),
                        translation -> events.publish(new UpdateTranslated(updateId, childId, familyId, settingId,
                                carer.preferredLanguage(), translation.originalLanguage(), translation.texts().get(0),
                                translation.texts().get(1), translation.engine(), clock.instant())))
                .map(Translation::texts)
                .orElse(originals);
    }

    /** An announcement's title and text as the carer reads them. */
    public List<String> announced(String updateId, String settingId, RecipientCarer carer, String title, String text) {
        List<String> originals = Arrays.asList(title, text);
        return translations.of(updateId, null, originals, writtenIn(settingId), carer.preferredLanguage(),
                        translation -> events.publish(new AnnouncementTranslated(updateId, settingId,
                                carer.preferredLanguage(), translation.originalLanguage(), translation.texts().get(0),
                                translation.texts().get(1), translation.engine(), clock.instant())))
                .map(Translation::texts)
                .orElse(originals);
    }

    private String writtenIn(String settingId) {
        return recipients.setting(settingId).map(RecipientSetting::defaultLanguage).orElse(Language.ENGLISH).tag();
    }
}
