package dev.tandem.notifier.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.firebase.FirebaseApp;
import com.google.firebase.messaging.FirebaseMessaging;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.common.Role;
import dev.tandem.api.family.CarerJoinedFamily;
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
import dev.tandem.notifier.testing.TestClock;
import dev.tandem.notifier.testing.TestDatabase;
import dev.tandem.notifier.testing.TwilioStandIn;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dispatch as the notifier's processor runs it: handlers called in a transaction on a real
 * PostgreSQL, the real provider SDKs talking to stand-ins, outcomes published on a real Axon event bus,
 * time told by a clock the test moves.
 */
abstract class DispatchTestBase {

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
    final TestClock clock = new TestClock(Instant.parse("2026-11-23T12:00:00Z"));

    Dispatcher dispatcher;
    UpdateNotifier notifier;
    DeferredNotifications deferred;
    DeferredSender deferredSender;
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
        DeliveryLog deliveries = new DeliveryLog(jdbc, transaction.getTransactionManager(), clock);
        deferred = new DeferredNotifications(jdbc);
        dispatcher = new Dispatcher(directory, deliveries, deferred,
                DefaultEventGateway.builder().eventBus(bus).build(), senders, clock);
        notifier = new UpdateNotifier(directory, dispatcher, new Templates());
        deferredSender = new DeferredSender(deferred, dispatcher, transaction.getTransactionManager(), 100);
        directoryEvents = new DirectoryProjection(jdbc);
        sentMessages = new SentMessages(deliveries);

        directoryEvents.on(new SettingCreated(SETTING, "Acorn Nursery", "Europe/London", "en", "admin-1"));
        directoryEvents.on(new StaffMemberRegistered(SETTING, KEY_PERSON, "Jane Smith", "jane@acorn.example",
                Set.of(Role.KEY_PERSON), "admin-1"));
        directoryEvents.on(new ChildRegistered(CHILD, SETTING, FAMILY, "room-1", KEY_PERSON, "Zofia Kowalska",
                LocalDate.of(2023, 3, 14), "manager-1"));
    }

    /** Runs a handler as the processor does: in a transaction. */
    void handle(Runnable handler) {
        transaction.executeWithoutResult(status -> handler.run());
    }

    static ObservationShared observation(String updateId) {
        return new ObservationShared(updateId, CHILD, FAMILY, SETTING, KEY_PERSON, "Zofia zbudowała wieżę.",
                Set.of(EyfsArea.PHYSICAL_DEVELOPMENT), "More building.", Instant.parse("2026-11-23T09:30:00Z"));
    }

    void carer(String carerId, String phone, String email, String language, Channel... channels) {
        directoryEvents.on(new CarerJoinedFamily(FAMILY, SETTING, carerId, "Carer " + carerId, "parent", email, phone,
                language, List.of(channels), null));
    }

    List<String> status(String updateId, String carerId) {
        return jdbc.sql("SELECT status FROM notifier_delivery WHERE update_id = ? AND carer_id = ?")
                .params(updateId, carerId).query(String.class).list();
    }

    <T> T only(Class<T> type) {
        assertThat(published).hasSize(1).first().isInstanceOf(type);
        return type.cast(published.get(0));
    }
}
