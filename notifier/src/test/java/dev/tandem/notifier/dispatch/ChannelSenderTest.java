package dev.tandem.notifier.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.api.common.Channel;
import dev.tandem.api.common.Language;
import dev.tandem.notifier.dispatch.SendResult.Outcome;
import dev.tandem.notifier.recipients.RecipientCarer;
import dev.tandem.notifier.template.RenderedMessage;
import dev.tandem.notifier.testing.Carers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The steps every channel shares, seen through a channel whose provider is a list (each SDK's own are in its test). */
class ChannelSenderTest {

    static final RenderedMessage MESSAGE = Carers.message(Language.ENGLISH);

    /** Takes every message, or fails as told; a carer who opted out declines it. */
    static class ListSender extends ChannelSender {

        final List<String> sentTo = new ArrayList<>();
        Exception failure;

        ListSender(Optional<String> off) {
            super(Channel.SMS, off, "no phone number");
        }

        @Override
        public String addressOf(RecipientCarer carer) {
            return carer.phone();
        }

        @Override
        protected Optional<String> declines(RecipientCarer carer) {
            return carer.smsOptedOut() ? Optional.of("opted out") : Optional.empty();
        }

        @Override
        protected SendResult deliver(String address, RenderedMessage message) throws Exception {
            if (failure != null) {
                throw failure;
            }
            sentTo.add(address);
            return SendResult.accepted("id-" + sentTo.size(), address);
        }

        @Override
        protected Optional<SendResult> classify(Exception failure) {
            return failure instanceof IOException
                    ? Optional.of(SendResult.failed(Outcome.TRANSIENT, "list unreachable"))
                    : Optional.empty();
        }
    }

    @Test
    void aChannelThatIsOffCannotReachAnyoneWhateverTheirAddress() {
        ListSender off = new ListSender(Optional.of("provider not configured"));

        assertThat(off.unusableBecause(Carers.withPhone("+447700900123"))).contains("provider not configured");
        assertThat(off.unusableFor("+447700900123")).contains("provider not configured");
    }

    @Test
    void aCarerWhoDeclinedTheChannelIsToldWhyBeforeTheirAddressIsLookedAt() {
        ListSender sender = new ListSender(Optional.empty());
        RecipientCarer optedOut = new RecipientCarer("carer-1", "family-1", "setting-1", "Anna Kowalska", null,
                "+447700900123", "pl", List.of(Channel.SMS), null, List.of(), true);

        assertThat(sender.unusableBecause(optedOut)).contains("opted out");
        assertThat(sender.unusableBecause(Carers.withEmail("anna@example.org"))).contains("no phone number");
        assertThat(sender.unusableBecause(Carers.withPhone("+447700900123"))).isEmpty();
    }

    @Test
    void aMessageGoesToTheAddressRecordedForTheCarer() {
        ListSender sender = new ListSender(Optional.empty());
        RecipientCarer carer = Carers.withPhone("+447700900123");

        SendResult result = sender.send(carer, MESSAGE);

        assertThat(sender.sentTo).containsExactly(sender.addressOf(carer));
        assertThat(result).isEqualTo(SendResult.accepted("id-1", "+447700900123"));
    }

    @Test
    void aFailureTheChannelRecognisesIsAResultNotAnException() {
        ListSender sender = new ListSender(Optional.empty());
        sender.failure = new IOException("connection refused");

        SendResult result = sender.send(Carers.withPhone("+447700900123"), MESSAGE);

        assertThat(result.outcome()).isEqualTo(Outcome.TRANSIENT);
        assertThat(result.reason()).isEqualTo("list unreachable");
    }

    @Test
    void aFailureTheChannelDoesNotRecogniseIsThrownOnForTheDispatcherToTakeAsUnknown() {
        ListSender sender = new ListSender(Optional.empty());
        sender.failure = new IllegalArgumentException("a bug");
        assertThatThrownBy(() -> sender.send(Carers.withPhone("+447700900123"), MESSAGE))
                .isSameAs(sender.failure);

        sender.failure = new Exception("checked and unknown");
        assertThatThrownBy(() -> sender.sendTo("+447700900123", MESSAGE))
                .isInstanceOf(IllegalStateException.class)
                .hasCause(sender.failure);
    }
}
