package dev.tandem.notifier.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tandem.api.common.Channel;
import dev.tandem.api.delivery.NotificationSent;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.translation.ReplyTranslated;
import dev.tandem.api.translation.UpdateTranslated;
import dev.tandem.notifier.recipients.Recipients;
import dev.tandem.notifier.testing.StandInServer;
import dev.tandem.notifier.testing.TwilioStandIn;
import dev.tandem.notifier.translation.DeeplEngine;
import dev.tandem.notifier.translation.ReplyTranslator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Staff free text reaches carers in their language through the real DeepL SDK against a stand-in of
 * DeepL's API: once per update and language, kept and told as an event; and when DeepL limits, fails or
 * does not answer within the deadline, the original goes out.
 */
class TranslatedNotificationsTest extends DispatchTestBase {

    private static WireMockServer deepl;

    @BeforeAll
    static void startDeepl() {
        deepl = StandInServer.start();
    }

    @AfterAll
    static void stopDeepl() {
        deepl.stop();
    }

    @BeforeEach
    void withDeepl() {
        deepl.resetAll();
        translationEngine = new DeeplEngine("test-key:fx", deepl.baseUrl(), Duration.ofSeconds(1));
        withPacing(pacing());
        TwilioStandIn.accepts(twilio, "SM00000000000000000000000000000009");
    }

    private static void translates() {
        deepl.stubFor(post(urlPathEqualTo("/v2/translate")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"translations\": [{\"detected_source_language\": \"EN\", \"text\": \"Zofia zbudowała wieżę z klocków.\", \"billed_characters\": 30},"
                        + " {\"detected_source_language\": \"EN\", \"text\": \"Więcej budowania.\", \"billed_characters\": 14}]}")));
    }

    private static ObservationShared inEnglish() {
        ObservationShared polish = observation("update-1");
        return new ObservationShared(polish.updateId(), polish.childId(), polish.familyId(), polish.settingId(),
                polish.authorId(), "Zofia built a tower of blocks.", polish.areas(), "More building.", polish.sharedAt());
    }

    @Test
    void carersOfOneLanguageShareOneTranslationToldOnce() {
        translates();
        carer("carer-1", "+447700900123", null, "pl", Channel.SMS);
        carer("carer-2", "+447700900124", null, "pl", Channel.SMS);
        carer("carer-3", "+447700900125", null, "en", Channel.SMS);

        handle(() -> notifier.on(inEnglish()));

        List<String> bodies = TwilioStandIn.received(twilio).stream().map(message -> message.get("Body")).toList();
        assertThat(bodies).hasSize(3);
        assertThat(bodies).filteredOn(body -> body.contains("Zofia zbudowała wieżę z klocków.")).hasSize(2);
        assertThat(bodies).filteredOn(body -> body.contains("Zofia built a tower of blocks.")).hasSize(1);
        deepl.verify(1, postRequestedFor(urlPathEqualTo("/v2/translate"))
                .withRequestBody(containing("target_lang=pl")));
        List<UpdateTranslated> translated = published.stream().filter(UpdateTranslated.class::isInstance)
                .map(UpdateTranslated.class::cast).toList();
        assertThat(translated).singleElement().satisfies(event -> {
            assertThat(event.language()).isEqualTo("pl");
            assertThat(event.originalLanguage()).isEqualTo("en");
            assertThat(event.text()).isEqualTo("Zofia zbudowała wieżę z klocków.");
            assertThat(event.nextSteps()).isEqualTo("Więcej budowania.");
            assertThat(event.engine()).isEqualTo("deepl");
        });
    }

    @Test
    void aRedeliveredEventUsesTheKeptTranslation() {
        translates();
        carer("carer-1", "+447700900123", null, "pl", Channel.SMS);
        handle(() -> notifier.on(inEnglish()));
        carer("carer-2", "+447700900124", null, "pl", Channel.SMS);

        handle(() -> notifier.on(inEnglish()));

        deepl.verify(1, postRequestedFor(urlPathEqualTo("/v2/translate")));
        assertThat(published).filteredOn(UpdateTranslated.class::isInstance).hasSize(1);
    }

    @Test
    void aCarerOfTheSettingsLanguageIsToldWithoutAskingTheEngine() {
        translates();
        carer("carer-1", "+447700900123", null, "en", Channel.SMS);

        handle(() -> notifier.on(inEnglish()));

        deepl.verify(0, postRequestedFor(urlPathEqualTo("/v2/translate")));
        assertThat(only(NotificationSent.class).channel()).isEqualTo(Channel.SMS);
    }

    @Test
    void whenDeeplLimitsTheOriginalGoesOut() {
        deepl.stubFor(post(urlPathEqualTo("/v2/translate")).willReturn(aResponse().withStatus(429)));
        assertOriginalSentToAPolishCarer();
    }

    @Test
    void whenDeeplFailsTheOriginalGoesOut() {
        deepl.stubFor(post(urlPathEqualTo("/v2/translate")).willReturn(aResponse().withStatus(503)));
        assertOriginalSentToAPolishCarer();
    }

    @Test
    void whenDeeplDoesNotAnswerInTimeTheOriginalGoesOut() {
        deepl.stubFor(post(urlPathEqualTo("/v2/translate")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(3_000).withBody("{\"translations\": []}")));
        assertOriginalSentToAPolishCarer();
    }

    @Test
    void afterAFailureTheOtherCarersOfThatLanguageDoNotWaitForTheEngineAgain() {
        deepl.stubFor(post(urlPathEqualTo("/v2/translate")).willReturn(aResponse().withStatus(503)));
        carer("carer-1", "+447700900123", null, "pl", Channel.SMS);
        carer("carer-2", "+447700900124", null, "pl", Channel.SMS);

        handle(() -> notifier.on(inEnglish()));

        deepl.verify(1, postRequestedFor(urlPathEqualTo("/v2/translate")));
        assertThat(TwilioStandIn.received(twilio)).hasSize(2);
    }

    @Test
    void aCarersReplyInTheirLanguageIsTranslatedForStaffOnce() {
        deepl.stubFor(post(urlPathEqualTo("/v2/translate")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"translations\": [{\"detected_source_language\": \"PL\", \"text\": \"Thank you!\","
                        + " \"billed_characters\": 8}]}")));
        carer("carer-1", "+447700900123", null, "pl", Channel.SMS);
        carer("carer-2", "+447700900124", null, "en", Channel.SMS);
        ReplyTranslator replies = new ReplyTranslator(translations, new Recipients(jdbc), events(), clock);
        ParentReplied polish = new ParentReplied("reply-1", "update-1", CHILD, FAMILY, "carer-1", "Dziękuję!",
                Channel.SMS, clock.instant());

        handle(() -> replies.on(polish));
        handle(() -> replies.on(polish));
        handle(() -> replies.on(new ParentReplied("reply-2", "update-1", CHILD, FAMILY, "carer-2", "Thanks!",
                Channel.SMS, clock.instant())));

        deepl.verify(1, postRequestedFor(urlPathEqualTo("/v2/translate")).withRequestBody(containing("target_lang=en-GB")));
        assertThat(published).singleElement().isInstanceOfSatisfying(ReplyTranslated.class, translated -> {
            assertThat(translated.replyId()).isEqualTo("reply-1");
            assertThat(translated.language()).isEqualTo("en");
            assertThat(translated.originalLanguage()).isEqualTo("pl");
            assertThat(translated.text()).isEqualTo("Thank you!");
            assertThat(translated.settingId()).isEqualTo(SETTING);
        });
    }

    private void assertOriginalSentToAPolishCarer() {
        carer("carer-1", "+447700900123", null, "pl", Channel.SMS);

        handle(() -> notifier.on(inEnglish()));

        List<Map<String, String>> sent = TwilioStandIn.received(twilio);
        assertThat(sent).singleElement().satisfies(message ->
                assertThat(message.get("Body")).contains("Zofia built a tower of blocks.").contains("obserwacj"));
        assertThat(published).noneMatch(UpdateTranslated.class::isInstance);
        assertThat(published).filteredOn(NotificationSent.class::isInstance).hasSize(1);
    }
}
