package dev.tandem.notifier.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.firebase.FirebaseApp;
import com.google.firebase.messaging.FirebaseMessaging;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.common.Role;
import dev.tandem.api.delivery.NotificationFailed;
import dev.tandem.api.delivery.NotificationSent;
import dev.tandem.api.delivery.NotificationSkipped;
import dev.tandem.api.family.CarerJoinedFamily;
import dev.tandem.api.family.DevicePlatform;
import dev.tandem.api.family.DeviceRegistered;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.setting.SettingCreated;
import dev.tandem.api.setting.StaffMemberRegistered;
import dev.tandem.notifier.directory.Directory;
import dev.tandem.notifier.directory.DirectoryProjection;
import dev.tandem.notifier.email.EmailSender;
import dev.tandem.notifier.push.FirebaseApps;
import dev.tandem.notifier.push.PushSender;
import dev.tandem.notifier.sms.SmsSender;
import dev.tandem.notifier.sms.TwilioClients;
import dev.tandem.notifier.sms.TwilioProperties;
import dev.tandem.notifier.template.Templates;
import dev.tandem.notifier.testing.FcmStandIn;
import dev.tandem.notifier.testing.StandInServer;
import dev.tandem.notifier.testing.TestDatabase;
import dev.tandem.notifier.testing.TwilioStandIn;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dispatch as the notifier's processor runs it: handlers called in a transaction on a real
 * PostgreSQL, the real provider SDKs talking to stand-ins, outcomes published on a real Axon event bus.
 */
class DispatchTest {

    static final String SETTING = "setting-1";
    static final String FAMILY = "family-1";
    static final String CHILD = "child-1";
    static final String KEY_PERSON = "staff-1";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @TempDir
    static Path credentialsDirectory;

    static WireMockServer twilio;
    static WireMockServer fcm;
    static FirebaseApp firebase;

    final DataSource dataSource = TestDatabase.dataSource();
    final JdbcClient jdbc = JdbcClient.create(dataSource);
    final TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    final List<Object> published = new CopyOnWriteArrayList<>();

    DirectoryProjection directoryEvents;
    ObservationNotifier notifier;
    SentMessages sentMessages;

    @BeforeAll
    static void startStandIns() throws Exception {
        twilio = StandInServer.start();
        fcm = StandInServer.start();
        firebase = FirebaseApps.create(FcmStandIn.properties(fcm, credentialsDirectory));
    }

    @AfterAll
    static void stopStandIns() {
        firebase.delete();
        twilio.stop();
        fcm.stop();
    }

    @BeforeEach
    void setUp() throws Exception {
        TestDatabase.clearNotifierTables();
        twilio.resetAll();
        fcm.resetAll();
        FcmStandIn.issuesTokens(fcm);

        SimpleEventBus bus = SimpleEventBus.builder().build();
        bus.subscribe(messages -> messages.stream().map(EventMessage::getPayload).forEach(published::add));

        TwilioProperties twilioProperties = TwilioStandIn.properties(twilio);
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(greenMail.getSmtp().getPort());
        List<ChannelSender> senders = List.of(
                new SmsSender(TwilioClients.create(twilioProperties), twilioProperties, "http://localhost:8080"),
                new EmailSender(mail, "Tandem <no-reply@tandem.localhost>"),
                new PushSender(FirebaseMessaging.getInstance(firebase)));
        Directory directory = new Directory(jdbc);
        DeliveryLog deliveries = new DeliveryLog(jdbc, transaction.getTransactionManager(), Clock.systemUTC());
        Dispatcher dispatcher = new Dispatcher(directory, deliveries, DefaultEventGateway.builder().eventBus(bus).build(),
                senders);
        notifier = new ObservationNotifier(directory, dispatcher, new Templates());
        directoryEvents = new DirectoryProjection(jdbc);
        sentMessages = new SentMessages(deliveries);

        directoryEvents.on(new SettingCreated(SETTING, "Acorn Nursery", "Europe/London", "en", "admin-1"));
        directoryEvents.on(new StaffMemberRegistered(SETTING, KEY_PERSON, "Jane Smith", "jane@acorn.example",
                Set.of(Role.KEY_PERSON), "admin-1"));
        directoryEvents.on(new ChildRegistered(CHILD, SETTING, FAMILY, "room-1", KEY_PERSON, "Zofia Kowalska",
                LocalDate.of(2023, 3, 14), "manager-1"));
    }

    @Test
    void carerWhoPrefersPolishGetsAPolishSms() {
        TwilioStandIn.accepts(twilio, "SM00000000000000000000000000000001");
        carer("carer-1", "+447700900123", null, "pl", Channel.SMS);

        deliver(observation("update-1"));

        Map<String, String> sms = TwilioStandIn.received(twilio).get(0);
        assertThat(sms.get("To")).isEqualTo("+447700900123");
        assertThat(sms.get("Body")).startsWith("Acorn Nursery: Jane Smith, osoba kluczowa dziecka Zofia, przesyła")
                .contains("Zofia zbudowała wieżę.").endsWith("Odpowiedz na tę wiadomość, aby odpisać.");
        NotificationSent sent = only(NotificationSent.class);
        assertThat(sent.channel()).isEqualTo(Channel.SMS);
        assertThat(sent.language()).isEqualTo("pl");
        assertThat(sent.providerId()).isEqualTo("SM00000000000000000000000000000001");
        assertThat(sent.address()).isEqualTo("+447700900123");
        assertThat(sent.updateId()).isEqualTo("update-1");
        assertThat(sent.carerId()).isEqualTo("carer-1");
        assertThat(sent.notificationId()).isEqualTo(DeliveryLog.notificationId("update-1", "carer-1", Channel.SMS));
        assertThat(sentMessages.languageOfProviderMessage("SM00000000000000000000000000000001")).contains("pl");
    }

    @Test
    void carerWithoutATranslatedLanguageGetsTheNurserysDefault() {
        directoryEvents.on(new SettingCreated(SETTING, "Acorn Nursery", "Europe/London", "ur", "admin-1"));
        TwilioStandIn.accepts(twilio, "SM00000000000000000000000000000002");
        carer("carer-1", "+447700900123", null, "fr", Channel.SMS);

        deliver(observation("update-1"));

        assertThat(TwilioStandIn.received(twilio).get(0).get("Body")).contains("مشاہدہ");
        assertThat(only(NotificationSent.class).language()).isEqualTo("ur");
    }

    @Test
    void fallsBackToEmailWhenSmsProviderFails() throws Exception {
        TwilioStandIn.answers(twilio, aResponse().withStatus(500).withBody("<html>oops</html>"));
        carer("carer-1", "+447700900123", "anna@example.org", "pl", Channel.SMS, Channel.EMAIL);

        deliver(observation("update-1"));

        assertThat(published).hasSize(2);
        NotificationFailed failed = (NotificationFailed) published.get(0);
        assertThat(failed.channel()).isEqualTo(Channel.SMS);
        assertThat(failed.reason()).isNotBlank();
        NotificationSent sent = (NotificationSent) published.get(1);
        assertThat(sent.channel()).isEqualTo(Channel.EMAIL);
        assertThat(sent.language()).isEqualTo("pl");
        MimeMessage email = greenMail.getReceivedMessages()[0];
        assertThat(email.getSubject()).isEqualTo("Acorn Nursery: nowa obserwacja dotycząca dziecka Zofia");
        assertThat(email.getContentLanguage()).containsExactly("pl");
        assertThat(GreenMailUtil.getBody(email)).isNotBlank();
        assertThat(sent.providerId()).isEqualTo(email.getMessageID());
        assertThat(sentMessages.languageOfProviderMessage(email.getMessageID())).contains("pl");
    }

    @Test
    void firstUsableChannelInTheCarersOrderIsUsed() {
        TwilioStandIn.accepts(twilio, "SM00000000000000000000000000000003");
        // APP comes first but there is no device: SMS is the first channel that can reach them
        carer("carer-1", "+447700900123", "anna@example.org", "en", Channel.APP, Channel.SMS, Channel.EMAIL);

        deliver(observation("update-1"));

        assertThat(published).hasSize(1);
        assertThat(only(NotificationSent.class).channel()).isEqualTo(Channel.SMS);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void appNotificationGoesToTheCarersDevice() {
        FcmStandIn.accepts(fcm, "0:42");
        carer("carer-1", null, null, "ur", Channel.APP, Channel.SMS);
        directoryEvents.on(new DeviceRegistered(FAMILY, "carer-1", "device-1", DevicePlatform.ANDROID));

        deliver(observation("update-1"));

        NotificationSent sent = only(NotificationSent.class);
        assertThat(sent.channel()).isEqualTo(Channel.APP);
        assertThat(sent.address()).isEqualTo("device-1");
        assertThat(sent.providerId()).endsWith("/messages/0:42");
        assertThat(sent.language()).isEqualTo("ur");
    }

    @Test
    void deadDeviceIsForgottenAndTheNextChannelUsed() {
        FcmStandIn.unregistered(fcm, "gone-device");
        carer("carer-1", null, "anna@example.org", "en", Channel.APP, Channel.EMAIL);
        directoryEvents.on(new DeviceRegistered(FAMILY, "carer-1", "gone-device", DevicePlatform.IOS));

        deliver(observation("update-1"));
        deliver(observation("update-2"));

        assertThat(published).extracting(Object::getClass).containsExactly(
                NotificationFailed.class, NotificationSent.class, NotificationSent.class);
        assertThat(((NotificationFailed) published.get(0)).reason()).contains("UNREGISTERED");
        // the second update did not try the dead device again
        assertThat(((NotificationSent) published.get(2)).channel()).isEqualTo(Channel.EMAIL);
        assertThat(jdbc.sql("SELECT count(*) FROM notifier_device").query(Long.class).single()).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
    }

    @Test
    void skipsACarerWithNoUsableChannel() {
        carer("carer-1", null, null, "en", Channel.APP, Channel.SMS);

        deliver(observation("update-1"));

        NotificationSkipped skipped = only(NotificationSkipped.class);
        assertThat(skipped.carerId()).isEqualTo("carer-1");
        assertThat(skipped.reason()).contains("no registered device").contains("no phone number");
        assertThat(twilio.getAllServeEvents()).isEmpty();
        assertThat(status("update-1", "carer-1")).containsExactly("SKIPPED");
    }

    @Test
    void everyCarerOfTheFamilyIsToldInTheirOwnLanguage() throws Exception {
        TwilioStandIn.accepts(twilio, "SM00000000000000000000000000000004");
        carer("carer-1", "+447700900123", null, "en", Channel.SMS);
        carer("carer-2", null, "piotr@example.org", "pl", Channel.EMAIL);
        jdbc.sql("INSERT INTO notifier_carer (carer_id, family_id, setting_id, name, channels) "
                + "VALUES ('other-family-carer', 'family-2', 'setting-1', 'Someone Else', 'SMS')").update();

        deliver(observation("update-1"));

        assertThat(published).hasSize(2).allMatch(NotificationSent.class::isInstance);
        assertThat(TwilioStandIn.received(twilio)).hasSize(1);
        assertThat(TwilioStandIn.received(twilio).get(0).get("Body")).contains("Reply to this message to answer.");
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(greenMail.getReceivedMessages()[0].getContentLanguage()).containsExactly("pl");
    }

    @Test
    void aRedeliveredObservationSendsNothingTwice() {
        TwilioStandIn.accepts(twilio, "SM00000000000000000000000000000005");
        carer("carer-1", "+447700900123", null, "en", Channel.SMS);

        deliver(observation("update-1"));
        deliver(observation("update-1"));

        assertThat(TwilioStandIn.received(twilio)).hasSize(1);
        assertThat(published).hasSize(1);
    }

    @Test
    void redeliveryAfterARolledBackBatchPublishesTheOutcomeWithoutSendingAgain() {
        TwilioStandIn.accepts(twilio, "SM00000000000000000000000000000006");
        carer("carer-1", "+447700900123", null, "en", Channel.SMS);

        transaction.executeWithoutResult(status -> {
            notifier.on(observation("update-1"));
            // e.g. storing the token failed: the processor's transaction, with the events it published, is undone
            status.setRollbackOnly();
        });
        published.clear();
        deliver(observation("update-1"));

        assertThat(TwilioStandIn.received(twilio)).hasSize(1);
        assertThat(only(NotificationSent.class).providerId()).isEqualTo("SM00000000000000000000000000000006");
    }

    @Test
    void anAttemptInterruptedBeforeTheProviderAnsweredIsNotRepeated() {
        TwilioStandIn.accepts(twilio, "SM00000000000000000000000000000007");
        carer("carer-1", "+447700900123", "anna@example.org", "en", Channel.SMS, Channel.EMAIL);
        new DeliveryLog(jdbc, transaction.getTransactionManager(), Clock.systemUTC()).open(
                new Update("update-1", CHILD, FAMILY, SETTING), "carer-1", Channel.SMS, "en",
                DeliveryStatus.PENDING, null);

        deliver(observation("update-1"));

        assertThat(twilio.getAllServeEvents()).isEmpty();
        assertThat(published).extracting(Object::getClass)
                .containsExactly(NotificationFailed.class, NotificationSent.class);
        assertThat(((NotificationSent) published.get(1)).channel()).isEqualTo(Channel.EMAIL);
    }

    @Test
    void anObservationAboutAnUnknownChildTellsNobody() {
        carer("carer-1", "+447700900123", null, "en", Channel.SMS);

        deliver(new ObservationShared("update-1", "unknown-child", FAMILY, SETTING, KEY_PERSON, "text",
                Set.of(), null, Instant.now()));

        assertThat(published).isEmpty();
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    private void deliver(ObservationShared event) {
        transaction.executeWithoutResult(status -> notifier.on(event));
    }

    private static ObservationShared observation(String updateId) {
        return new ObservationShared(updateId, CHILD, FAMILY, SETTING, KEY_PERSON, "Zofia zbudowała wieżę.",
                Set.of(EyfsArea.PHYSICAL_DEVELOPMENT), "More building.", Instant.parse("2026-11-23T09:30:00Z"));
    }

    private void carer(String carerId, String phone, String email, String language, Channel... channels) {
        directoryEvents.on(new CarerJoinedFamily(FAMILY, SETTING, carerId, "Carer " + carerId, "parent", email, phone,
                language, List.of(channels), null));
    }

    private List<String> status(String updateId, String carerId) {
        return jdbc.sql("SELECT status FROM notifier_delivery WHERE update_id = ? AND carer_id = ?")
                .params(updateId, carerId).query(String.class).list();
    }

    private <T> T only(Class<T> type) {
        assertThat(published).hasSize(1).first().isInstanceOf(type);
        return type.cast(published.get(0));
    }
}
