package dev.tandem.notifier.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.firebase.FirebaseApp;
import com.google.firebase.messaging.SingleAttemptMessaging;
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
import dev.tandem.notifier.email.EmailSender;
import dev.tandem.notifier.push.FirebaseApps;
import dev.tandem.notifier.push.PushSender;
import dev.tandem.notifier.recipients.Recipients;
import dev.tandem.notifier.recipients.RecipientsProjection;
import dev.tandem.notifier.sms.SmsSender;
import dev.tandem.notifier.sms.TwilioClients;
import dev.tandem.notifier.sms.TwilioProperties;
import dev.tandem.notifier.template.Templates;
import dev.tandem.notifier.translation.CarerTexts;
import dev.tandem.notifier.translation.TranslationEngine;
import dev.tandem.notifier.translation.Translations;
import dev.tandem.notifier.testing.FcmStandIn;
import dev.tandem.notifier.testing.NotifierTables;
import dev.tandem.notifier.testing.StandInServer;
import dev.tandem.notifier.testing.TwilioStandIn;
import dev.tandem.support.testing.TestClock;
import dev.tandem.support.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
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

    RecipientsProjection recipientEvents;
    final TestClock clock = new TestClock(Instant.parse("2026-11-23T12:00:00Z"));

    /** The rate limiter's clock, in nanoseconds, moved with the test's clock. */
    final AtomicLong limiterNanos = new AtomicLong();

    Dispatcher dispatcher;
    UpdateNotifier notifier;
    DeferredNotifications deferred;
    DeferredSender deferredSender;
    SentMessages sentMessages;
    DeliveryLog deliveries;
    DeliveryWorker worker;
    Reconciler reconciler;

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
        NotifierTables.clear();
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
                new SmsSender(TwilioClients.create(twilioProperties, TIMEOUTS), twilioProperties, "http://localhost:8080"),
                new EmailSender(EmailSender.withTimeouts(mail, TIMEOUTS), "Tandem <no-reply@tandem.localhost>"),
                new PushSender(SingleAttemptMessaging.of(firebase)));
        DeliverySchedule schedule = new DeliverySchedule(SchedulerClient.Builder
                .create(new TransactionAwareDataSourceProxy(dataSource), List.of())
                .tableName(DeliverySchedule.TABLE).build());
        deliveries = new DeliveryLog(jdbc, transaction.getTransactionManager(), clock, schedule);
        deferred = new DeferredNotifications(jdbc);
        this.bus = bus;
        this.senders = senders;
        withPacing(pacing());
        recipientEvents = new RecipientsProjection(jdbc);
        sentMessages = new SentMessages(deliveries);

        recipientEvents.on(new SettingCreated(SETTING, "Acorn Nursery", "Europe/London", "en", "admin-1"));
        recipientEvents.on(new StaffMemberRegistered(SETTING, KEY_PERSON, "Jane Smith", "jane@acorn.example",
                Set.of(Role.KEY_PERSON), "admin-1"));
        recipientEvents.on(new ChildRegistered(CHILD, SETTING, FAMILY, "room-1", KEY_PERSON, "Zofia Kowalska",
                LocalDate.of(2023, 3, 14), "manager-1"));
    }

    private SimpleEventBus bus;
    private List<ChannelSender> senders;
    /** No engine unless a test gives one: carers are told in the original. */
    TranslationEngine translationEngine;
    Translations translations;

    /** Publishes on the bus whose events the test sees in {@link #published}. */
    EventGateway events() {
        return DefaultEventGateway.builder().eventBus(bus).build();
    }

    private static final ExecutorService TRANSLATION_CALLS = Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "test-translation");
        thread.setDaemon(true);
        return thread;
    });

    /** Builds the dispatcher and what drives it around the given rate limits. */
    void withPacing(Pacing pacing) {
        Recipients recipients = new Recipients(jdbc);
        dispatcher = new Dispatcher(recipients, deliveries, deferred,
                DefaultEventGateway.builder().eventBus(bus).build(), senders, clock,
                new RetryPolicy(Duration.ofMinutes(15), Duration.ofMinutes(2), () -> 0.5), pacing);
        worker = new DeliveryWorker(dispatcher, transaction.getTransactionManager());
        reconciler = new Reconciler(deliveries, dispatcher, transaction.getTransactionManager(), clock, TIMEOUTS);
        translations = new Translations(Optional.ofNullable(translationEngine), Duration.ofSeconds(1), jdbc,
                TRANSLATION_CALLS, clock);
        notifier = new UpdateNotifier(recipients, dispatcher, new Templates(),
                new CarerTexts(translations, recipients, DefaultEventGateway.builder().eventBus(bus).build(), clock));
        deferredSender = new DeferredSender(deferred, dispatcher, transaction.getTransactionManager(), 100);
    }

    /** Short, so a provider that does not answer costs a test a second. */
    static final ProviderTimeouts TIMEOUTS = new ProviderTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));

    /** No limits unless a test says so. */
    Pacing pacing() {
        return new Pacing(Map.of(), Duration.ofMinutes(10), limiterNanos::get);
    }

    /**
     * Runs the scheduled executions due by the test's clock, as db-scheduler's workers would, each
     * taken off the table first; answers how many ran.
     */
    int runDueExecutions() {
        int ran = 0;
        for (Optional<String> due = nextDue(); due.isPresent() && ran < 1000; due = nextDue()) {
            jdbc.sql("DELETE FROM notifier_scheduled_task WHERE task_instance = ?").param(due.get()).update();
            worker.run(due.get());
            ran++;
        }
        return ran;
    }

    private Optional<String> nextDue() {
        return jdbc.sql("SELECT task_instance FROM notifier_scheduled_task WHERE task_name = 'notifier-delivery' "
                        + "AND execution_time <= ? ORDER BY execution_time LIMIT 1")
                .param(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .query(String.class)
                .optional();
    }

    /** When the next scheduled execution is due, if any is scheduled. */
    Optional<Instant> nextExecutionAt() {
        return jdbc.sql("SELECT execution_time FROM notifier_scheduled_task WHERE task_name = 'notifier-delivery' "
                        + "ORDER BY execution_time LIMIT 1")
                .query(OffsetDateTime.class)
                .optional()
                .map(OffsetDateTime::toInstant);
    }

    /**
     * db-scheduler as the notifier configures it, on this test's database and clock, polling often, knowing
     * these one-time tasks besides the deliveries' own.
     */
    DeliveryScheduling.NotifierScheduler scheduler(OneTimeTask<?>... tasks) {
        Map<String, Object> known = new HashMap<>(Map.of("worker", worker, "reconciler", reconciler));
        for (OneTimeTask<?> task : tasks) {
            known.put(task.getName(), task);
        }
        StaticListableBeanFactory beans = new StaticListableBeanFactory(known);
        return new DeliveryScheduling().notifierScheduler(dataSource, beans.getBeanProvider(DeliveryWorker.class),
                beans.getBeanProvider(Reconciler.class), beans.getBeanProvider(ResolvableType.forClass(OneTimeTask.class)),
                clock, 2, Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    /** Lets time pass to the next scheduled execution and runs what is then due. */
    void untilNextExecution() {
        Instant next = nextExecutionAt().orElseThrow(() -> new AssertionError("nothing is scheduled"));
        passTo(next);
        runDueExecutions();
    }

    /** Moves the test's clock (and the rate limiter's) forward to {@code instant}. */
    void passTo(Instant instant) {
        if (instant.isAfter(clock.instant())) {
            limiterNanos.addAndGet(Duration.between(clock.instant(), instant).toNanos());
            clock.set(instant);
        }
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
        recipientEvents.on(new CarerJoinedFamily(FAMILY, SETTING, carerId, "Carer " + carerId, "parent", email, phone,
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
