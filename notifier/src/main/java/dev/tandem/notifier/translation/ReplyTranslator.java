package dev.tandem.notifier.translation;

import dev.tandem.api.common.Language;
import dev.tandem.api.reply.CarerMessageReceived;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.translation.ReplyTranslated;
import dev.tandem.notifier.NotifierProcessing;
import dev.tandem.notifier.recipients.RecipientCarer;
import dev.tandem.notifier.recipients.RecipientSetting;
import dev.tandem.notifier.recipients.Recipients;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.stereotype.Component;

/**
 * A carer's words reach staff as staff read theirs: machine-translated into the setting's language when
 * the carer writes in another, the original kept in the reply's own event (decision 0017). Not on
 * replay: what was translated is already told.
 */
@Component
@ProcessingGroup(NotifierProcessing.GROUP)
public class ReplyTranslator {

    private final Translations translations;
    private final Recipients recipients;
    private final EventGateway events;
    private final Clock clock;

    public ReplyTranslator(Translations translations, Recipients recipients,
                    EventGateway events, Clock clock) {
        this.translations = translations;
        this.recipients = recipients;
        this.events = events;
        this.clock = clock;
    }

    @EventHandler
    @DisallowReplay
    public void on(ParentReplied event) {
        translate(event.replyId(), event.updateId(), event.childId(), event.familyId(), event.carerId(), event.text());
    }

    @EventHandler
    @DisallowReplay
    public void on(CarerMessageReceived event) {
        translate(event.replyId(), null, event.childId(), event.familyId(), event.carerId(), event.text());
    }

    private void translate(String replyId, String updateId, String childId, String familyId, String carerId,
                           String text) {
        Optional<RecipientCarer> carer = recipients.carer(carerId);
        if (carer.isEmpty()) {
            return;
        }
        String settingId = carer.get().settingId();
        String staffLanguage = recipients.setting(settingId).map(RecipientSetting::defaultLanguage)
                .orElse(Language.ENGLISH).tag();
        translations.of(replyId, familyId, List.of(text), carer.get().preferredLanguage(), staffLanguage,
                translation -> events.publish(new ReplyTranslated(replyId, updateId, childId, familyId, settingId,
                        carerId, staffLanguage, translation.originalLanguage(), translation.texts().get(0),
                        translation.engine(), clock.instant())));
    }
}
