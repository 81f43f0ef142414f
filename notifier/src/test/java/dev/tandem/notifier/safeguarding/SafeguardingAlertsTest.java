package dev.tandem.notifier.safeguarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.Role;
import dev.tandem.api.concern.ConcernAction;
import dev.tandem.api.concern.ConcernActionRecorded;
import dev.tandem.api.concern.ConcernCategory;
import dev.tandem.api.concern.ConcernRecorded;
import dev.tandem.api.concern.SafeguardingAlertReason;
import dev.tandem.api.concern.SafeguardingLeadAlertFailed;
import dev.tandem.api.concern.SafeguardingLeadAlerted;
import dev.tandem.api.family.CarerJoinedFamily;
import dev.tandem.api.setting.SettingCreated;
import dev.tandem.api.setting.StaffMemberRegistered;
import dev.tandem.notifier.email.EmailSender;
import dev.tandem.notifier.recipients.Recipients;
import dev.tandem.notifier.recipients.RecipientsProjection;
import dev.tandem.notifier.template.Templates;
import dev.tandem.notifier.testing.MailText;
import dev.tandem.notifier.testing.NotifierTables;
import dev.tandem.support.testing.TestClock;
import dev.tandem.support.testing.TestDatabase;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Safeguarding leads' alerts as the notifier's processor and poller run them: handlers called in a
 * transaction on a real PostgreSQL, Spring's real mail sender against GreenMail, outcomes published on
 * a real Axon event bus, time told by a clock the test moves.
 */
class SafeguardingAlertsTest {

    static final String SETTING = "setting-1";
    static final String OTHER_SETTING = "setting-2";
    static final String FAMILY = "family-1";
    static final String CHILD = "child-1";
    static final String CHILD_NAME = "Zofia Kowalska";
    static final String CONCERN_TEXT = "Bruise on her left arm; she said she fell off the sofa at home.";
    static final String DSL_1 = "dsl-1";
    static final String DSL_2 = "dsl-2";
    static final String DSL_1_EMAIL = "mary.dsl@acorn.example";
    static final String DSL_2_EMAIL = "tom.manager@acorn.example";
    static final String KEY_PERSON_EMAIL = "jane.key@acorn.example";
    static final String OTHER_SETTING_DSL_EMAIL = "dsl@birch.example";
    static final String CARER_EMAIL = "anna@example.org";
    static final String PUBLIC_URL = "https://tandem.acorn.example/";
    static final String LINK = "https://tandem.acorn.example/#safeguarding";
    static final Instant RECORDED_AT = Instant.parse("2026-11-23T12:00:00Z");

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    final DataSource dataSource = TestDatabase.dataSource();
    final JdbcClient jdbc = JdbcClient.create(dataSource);
    final TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    final List<Object> published = new CopyOnWriteArrayList<>();
    final TestClock clock = new TestClock(RECORDED_AT);

    EventGateway events;
    RecipientsProjection recipientEvents;
    SafeguardingAlerts alerts;
    OverdueReminders reminders;

    @BeforeEach
    void setUp() {
        NotifierTables.clear();
        SimpleEventBus bus = SimpleEventBus.builder().build();
        bus.subscribe(messages -> messages.stream().map(EventMessage::getPayload).forEach(published::add));
        events = DefaultEventGateway.builder().eventBus(bus).build();
        startNotifier(greenMail.getSmtp().getPort());

        recipientEvents = new RecipientsProjection(jdbc);
        recipientEvents.on(new SettingCreated(SETTING, "Acorn Nursery", "Europe/London", "en", "admin-1"));
        recipientEvents.on(new SettingCreated(OTHER_SETTING, "Birch Nursery", "Europe/London", "en", "admin-1"));
        staff(SETTING, DSL_1, "Mary Lead", DSL_1_EMAIL, Role.DSL);
        staff(SETTING, DSL_2, "Tom Manager", DSL_2_EMAIL, Role.MANAGER, Role.DSL);
        staff(SETTING, "key-person-1", "Jane Key", KEY_PERSON_EMAIL, Role.KEY_PERSON);
        staff(OTHER_SETTING, "dsl-birch", "Bea Birch", OTHER_SETTING_DSL_EMAIL, Role.DSL);
        recipientEvents.on(new ChildRegistered(CHILD, SETTING, FAMILY, "room-1", "key-person-1", CHILD_NAME,
                LocalDate.of(2023, 3, 14), "manager-1"));
        recipientEvents.on(new CarerJoinedFamily(FAMILY, SETTING, "carer-1", "Anna Kowalska", "mother", CARER_EMAIL,
                "+447700900123", "en", List.of(Channel.EMAIL, Channel.SMS), null));
    }

    /** The notifier's safeguarding parts, as a (re)started notifier builds them, on the same database. */
    private void startNotifier(int smtpPort) {
        startNotifier(smtpPort, 100);
    }

    private void startNotifier(int smtpPort, int batchSize) {
        LeadAlerter alerter = new LeadAlerter(new Recipients(jdbc),
                new LeadAlertLog(jdbc, transaction.getTransactionManager(), clock),
                new EmailSender(mailSender(smtpPort), "Tandem <no-reply@tandem.localhost>"), new Templates(), events,
                PUBLIC_URL);
        OverdueConcerns overdue = new OverdueConcerns(jdbc);
        alerts = new SafeguardingAlerts(alerter, overdue);
        reminders = new OverdueReminders(overdue, alerter, transaction.getTransactionManager(), batchSize);
    }

    @Test
    void aConcernEmailsEveryDslOfTheSettingAndNobodyElse() throws Exception {
        handle(() -> alerts.on(concern("concern-1")));

        assertThat(recipients()).containsExactlyInAnyOrder(DSL_1_EMAIL, DSL_2_EMAIL)
                .doesNotContain(KEY_PERSON_EMAIL, OTHER_SETTING_DSL_EMAIL, CARER_EMAIL);
        assertThat(published).hasSize(2).allMatch(SafeguardingLeadAlerted.class::isInstance);
        List<SafeguardingLeadAlerted> alerted = published.stream().map(SafeguardingLeadAlerted.class::cast).toList();
        assertThat(alerted).extracting(SafeguardingLeadAlerted::staffId).containsExactlyInAnyOrder(DSL_1, DSL_2);
        assertThat(alerted).allSatisfy(event -> {
            assertThat(event.concernId()).isEqualTo("concern-1");
            assertThat(event.childId()).isEqualTo(CHILD);
            assertThat(event.settingId()).isEqualTo(SETTING);
            assertThat(event.reason()).isEqualTo(SafeguardingAlertReason.NEW_CONCERN);
            assertThat(event.channel()).isEqualTo(Channel.EMAIL);
            assertThat(event.alertedAt()).isEqualTo(RECORDED_AT);
        });
        assertThat(alerted).extracting(SafeguardingLeadAlerted::providerId)
                .containsExactlyInAnyOrderElementsOf(messageIds());
        // nothing about a concern is ever a carer's notification
        assertThat(jdbc.sql("SELECT count(*) FROM notifier_delivery").query(Long.class).single()).isZero();
    }

    @Test
    void theAlertLinksToThePlatformAndNamesNeitherTheChildNorTheConcern() throws Exception {
        handle(() -> alerts.on(concern("concern-1")));

        MimeMessage email = greenMail.getReceivedMessages()[0];
        String body = MailText.plain(email);
        assertThat(email.getSubject()).isEqualTo("Acorn Nursery: a new safeguarding concern awaits you");
        assertThat(body).contains("A new safeguarding concern has been recorded at Acorn Nursery and awaits you.")
                .contains("Sign in to Tandem to read it: " + LINK);
        assertNamesNothingAboutTheChild(email);
    }

    @Test
    void aRedeliveredConcernEmailsNobodyTwice() {
        handle(() -> alerts.on(concern("concern-1")));
        handle(() -> alerts.on(concern("concern-1")));

        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        assertThat(published).hasSize(2);
    }

    @Test
    void redeliveryAfterARolledBackBatchPublishesTheOutcomesWithoutEmailingAgain() {
        transaction.executeWithoutResult(status -> {
            alerts.on(concern("concern-1"));
            // e.g. storing the token failed: the processor's transaction, with the events it published, is undone
            status.setRollbackOnly();
        });
        published.clear();

        handle(() -> alerts.on(concern("concern-1")));

        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        assertThat(published).hasSize(2).allMatch(SafeguardingLeadAlerted.class::isInstance);
    }

    @Test
    void anUnreachableMailServerGivesSafeguardingLeadAlertFailedForEachDsl() throws IOException {
        startNotifier(closedPort());

        handle(() -> alerts.on(concern("concern-1")));

        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(published).hasSize(2).allMatch(SafeguardingLeadAlertFailed.class::isInstance);
        List<SafeguardingLeadAlertFailed> failed = published.stream().map(SafeguardingLeadAlertFailed.class::cast)
                .toList();
        assertThat(failed).extracting(SafeguardingLeadAlertFailed::staffId).containsExactlyInAnyOrder(DSL_1, DSL_2);
        assertThat(failed).allSatisfy(event -> {
            assertThat(event.reason()).isEqualTo(SafeguardingAlertReason.NEW_CONCERN);
            assertThat(event.channel()).isEqualTo(Channel.EMAIL);
            assertThat(event.detail()).isEqualTo("mail server unreachable");
        });
    }

    @Test
    void aFailedAlertIsNotRetriedByARedelivery() throws IOException {
        startNotifier(closedPort());
        handle(() -> alerts.on(concern("concern-1")));
        startNotifier(greenMail.getSmtp().getPort());

        handle(() -> alerts.on(concern("concern-1")));

        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(published).hasSize(2).allMatch(SafeguardingLeadAlertFailed.class::isInstance);
    }

    @Test
    void anOpenConcernWithNoActionIsRemindedOnceAfter24Hours() throws Exception {
        handle(() -> alerts.on(concern("concern-1")));
        published.clear();

        clock.set(RECORDED_AT.plus(Duration.ofHours(24)).minusSeconds(1));
        assertThat(reminders.remindDue(clock)).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(2);

        clock.set(RECORDED_AT.plus(Duration.ofHours(24)));
        assertThat(reminders.remindDue(clock)).isEqualTo(1);

        assertThat(greenMail.getReceivedMessages()).hasSize(4);
        List<MimeMessage> reminder = withSubject("Acorn Nursery: a safeguarding concern still awaits action");
        assertThat(recipientsOf(reminder)).containsExactlyInAnyOrder(DSL_1_EMAIL, DSL_2_EMAIL);
        for (MimeMessage email : reminder) {
            assertThat(MailText.plain(email)).contains("has had no action recorded for 24 hours").contains(LINK);
            assertNamesNothingAboutTheChild(email);
        }
        assertThat(published).hasSize(2).allSatisfy(event -> {
            assertThat(event).isInstanceOf(SafeguardingLeadAlerted.class);
            assertThat(((SafeguardingLeadAlerted) event).reason()).isEqualTo(SafeguardingAlertReason.OVERDUE);
            assertThat(((SafeguardingLeadAlerted) event).concernId()).isEqualTo("concern-1");
        });

        clock.set(RECORDED_AT.plus(Duration.ofHours(48)));
        assertThat(reminders.remindDue(clock)).isZero();
        handle(() -> alerts.on(concern("concern-1")));
        assertThat(reminders.remindDue(clock)).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(4);
        assertThat(published).hasSize(2);
    }

    @Test
    void anyActionStopsTheReminder() {
        handle(() -> alerts.on(concern("concern-noted")));
        handle(() -> alerts.on(concern("concern-closed")));
        handle(() -> alerts.on(action("concern-noted", ConcernAction.NOTED)));
        handle(() -> alerts.on(action("concern-closed", ConcernAction.CLOSED)));
        handle(() -> alerts.on(action("concern-closed", ConcernAction.REOPENED)));
        published.clear();

        clock.set(RECORDED_AT.plus(Duration.ofHours(30)));

        assertThat(reminders.remindDue(clock)).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(4);
        assertThat(published).isEmpty();
    }

    @Test
    void theReminderSurvivesARestart() {
        handle(() -> alerts.on(concern("concern-1")));
        published.clear();

        startNotifier(greenMail.getSmtp().getPort());
        clock.set(RECORDED_AT.plus(Duration.ofHours(25)));

        assertThat(reminders.remindDue(clock)).isEqualTo(1);
        assertThat(greenMail.getReceivedMessages()).hasSize(4);
        assertThat(published).hasSize(2).allMatch(SafeguardingLeadAlerted.class::isInstance);
    }

    @Test
    void thePollerRemindsOfAtMostOneBatchPerCall() {
        handle(() -> alerts.on(concern("concern-1")));
        handle(() -> alerts.on(concern("concern-2")));
        handle(() -> alerts.on(concern("concern-3")));
        startNotifier(greenMail.getSmtp().getPort(), 2);
        clock.set(RECORDED_AT.plus(Duration.ofHours(25)));

        assertThat(reminders.remindDue(clock)).isEqualTo(2);
        assertThat(reminders.remindDue(clock)).isEqualTo(1);
        assertThat(reminders.remindDue(clock)).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(3 * 2 + 3 * 2);
    }

    @Test
    void aStaffMemberNoLongerDslIsNotAlertedAndANewDslIs() {
        staff(SETTING, DSL_2, "Tom Manager", DSL_2_EMAIL, Role.MANAGER);
        staff(SETTING, "key-person-1", "Jane Key", KEY_PERSON_EMAIL, Role.KEY_PERSON, Role.DSL);

        handle(() -> alerts.on(concern("concern-1")));

        assertThat(recipients()).containsExactlyInAnyOrder(DSL_1_EMAIL, KEY_PERSON_EMAIL);
    }

    @Test
    void aSettingWithoutADslAlertsNobody() {
        handle(() -> alerts.on(new ConcernRecorded("concern-1", "child-2", "family-2", OTHER_SETTING + "-empty",
                ConcernCategory.NEGLECT, CONCERN_TEXT, "key-person-1", RECORDED_AT)));

        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(published).isEmpty();
    }

    private void handle(Runnable handler) {
        transaction.executeWithoutResult(status -> handler.run());
    }

    private void staff(String settingId, String staffId, String name, String email, Role... roles) {
        recipientEvents.on(new StaffMemberRegistered(settingId, staffId, name, email, Set.of(roles), "admin-1"));
    }

    private static ConcernRecorded concern(String concernId) {
        return new ConcernRecorded(concernId, CHILD, FAMILY, SETTING, ConcernCategory.INJURY, CONCERN_TEXT,
                "key-person-1", RECORDED_AT);
    }

    private static ConcernActionRecorded action(String concernId, ConcernAction action) {
        return new ConcernActionRecorded(concernId + "-" + action, concernId, CHILD, SETTING, action,
                "Spoke to Zofia's mother.", DSL_1, RECORDED_AT.plus(Duration.ofHours(2)));
    }

    /** Whatever the message carries, headers included: nothing that could identify the child or the concern. */
    private static void assertNamesNothingAboutTheChild(MimeMessage email) {
        String whole = GreenMailUtil.getWholeMessage(email) + MailText.plain(email) + MailText.html(email);
        assertThat(whole).doesNotContain("Zofia").doesNotContain("Kowalska").doesNotContain(CHILD)
                .doesNotContain("Bruise").doesNotContain("sofa").doesNotContainIgnoringCase("injury")
                .doesNotContain(FAMILY);
    }

    /** GreenMail answers mailbox by mailbox, not in the order messages arrived. */
    private List<MimeMessage> withSubject(String subject) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(message -> {
            try {
                return subject.equals(message.getSubject());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private List<String> recipients() {
        return recipientsOf(Arrays.asList(greenMail.getReceivedMessages()));
    }

    private static List<String> recipientsOf(List<MimeMessage> messages) {
        return messages.stream().flatMap(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Address::toString);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private List<String> messageIds() throws MessagingException {
        List<String> ids = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            ids.add(message.getMessageID());
        }
        return ids;
    }

    private static JavaMailSenderImpl mailSender(int port) {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(port);
        mail.setDefaultEncoding("UTF-8");
        return mail;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
