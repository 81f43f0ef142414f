package dev.tandem.notifier.dispatch;

import dev.tandem.api.observation.ObservationShared;
import dev.tandem.notifier.NotifierProcessing;
import dev.tandem.notifier.directory.Child;
import dev.tandem.notifier.directory.Directory;
import dev.tandem.notifier.directory.Setting;
import dev.tandem.notifier.template.Templates;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells a child's family about a shared observation. Not on replay: rebuilding the directory must
 * never message a family again about something they were told about long ago.
 */
@Component
@ProcessingGroup(NotifierProcessing.GROUP)
public class ObservationNotifier {

    private static final Logger log = LoggerFactory.getLogger(ObservationNotifier.class);

    private final Directory directory;
    private final Dispatcher dispatcher;
    private final Templates templates;

    public ObservationNotifier(Directory directory, Dispatcher dispatcher, Templates templates) {
        this.directory = directory;
        this.dispatcher = dispatcher;
        this.templates = templates;
    }

    @EventHandler
    @DisallowReplay
    public void on(ObservationShared event) {
        Optional<Child> child = directory.child(event.childId());
        if (child.isEmpty()) {
            // the directory follows the same ordered stream, so this means the child was never registered
            log.warn("Observation {} is about unknown child {}; nobody to tell", event.updateId(), event.childId());
            return;
        }
        String nursery = directory.setting(event.settingId()).map(Setting::name).orElse("Tandem");
        String author = directory.staffName(event.authorId()).orElse(null);
        String childName = child.get().firstName();
        Map<String, String> data = Map.of(
                "type", "OBSERVATION",
                "updateId", event.updateId(),
                "childId", event.childId());
        Update update = new Update(event.updateId(), event.childId(), event.familyId(), event.settingId());
        dispatcher.notifyFamily(update, (language, carer) -> templates.observation(language, nursery, childName,
                author, carer.name(), event.text(), data));
    }
}
