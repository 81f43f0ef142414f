package dev.tandem.notifier.testing;

import dev.tandem.api.common.Channel;
import dev.tandem.api.common.Language;
import dev.tandem.notifier.recipients.RecipientCarer;
import dev.tandem.notifier.template.RenderedMessage;
import java.util.List;
import java.util.Map;

/** Carers and messages for tests that talk to one provider. */
public final class Carers {

    private Carers() {
    }

    public static RecipientCarer withPhone(String phone) {
        return new RecipientCarer("carer-1", "family-1", "setting-1", "Anna Kowalska", null, phone, "pl",
                List.of(Channel.SMS), null, List.of());
    }

    public static RecipientCarer withEmail(String email) {
        return new RecipientCarer("carer-1", "family-1", "setting-1", "Anna Kowalska", email, null, "pl",
                List.of(Channel.EMAIL), null, List.of());
    }

    public static RecipientCarer withDevices(String... tokens) {
        return new RecipientCarer("carer-1", "family-1", "setting-1", "Anna Kowalska", null, null, "pl",
                List.of(Channel.APP), null, List.of(tokens));
    }

    public static RenderedMessage message(Language language) {
        return new RenderedMessage(language, "sms body " + language.tag(), "subject " + language.tag(),
                "email body " + language.tag(), "title " + language.tag(), "push body " + language.tag(),
                Map.of("updateId", "update-1"));
    }
}
