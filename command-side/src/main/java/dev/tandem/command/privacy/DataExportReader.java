package dev.tandem.command.privacy;

import dev.tandem.api.child.CarerRestricted;
import dev.tandem.api.delivery.NotificationFailed;
import dev.tandem.api.delivery.NotificationHeldBack;
import dev.tandem.api.delivery.NotificationKind;
import dev.tandem.api.delivery.NotificationRetryScheduled;
import dev.tandem.api.delivery.NotificationSent;
import dev.tandem.api.delivery.NotificationSkipped;
import dev.tandem.api.delivery.NotificationStatusReported;
import dev.tandem.api.family.CarerJoinedFamily;
import dev.tandem.api.family.CarerOptedInToSms;
import dev.tandem.api.family.CarerOptedOutOfSms;
import dev.tandem.api.family.CarerPreferencesChanged;
import dev.tandem.api.family.DeviceRegistered;
import dev.tandem.api.reply.CarerMessageReceived;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.update.UpdateAcknowledged;
import dev.tandem.command.privacy.DataExport.Acknowledgement;
import dev.tandem.command.privacy.DataExport.Details;
import dev.tandem.command.privacy.DataExport.Device;
import dev.tandem.command.privacy.DataExport.Notification;
import dev.tandem.command.privacy.DataExport.Reply;
import dev.tandem.command.privacy.DataExport.Status;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads a carer's data export from the event store, the permanent record, never a read model. One query finds
 * the stored events of the types that concern a carer and that name the carer's id (ids are never encrypted):
 * those of the family aggregate, of the updates they replied to or acknowledged, and the notifier's events,
 * which belong to no aggregate, so that reading aggregate by aggregate would not find them. The rows are then
 * read as Axon's own storage engine reads them for its event processors: through Axon's upcasters, then its
 * event serializer, which opens personal data with the subject's own key only (decision 0014) and reads a
 * shredded one as erased.
 *
 * <p>Nothing of the safeguarding record is of those types (concerns, what was done about them, reviews), nor is
 * another carer's data once the carer's id is checked on each event. A restriction is a court-order matter,
 * withheld as UK GDPR allows where disclosure would harm a child: its events are read only to leave out the
 * notifications that were skipped because of it, and are never shown.
 *
 * <p>The query scans the store (notifier events have no key to look them up by); a subject access request is
 * rare, and is answered within a month, so one scan per request is affordable.
 */
@Component
class DataExportReader {

    /** What is shown, by type; every other event is never read. */
    private static final List<Class<?>> SHOWN = List.of(CarerJoinedFamily.class, CarerPreferencesChanged.class,
            CarerOptedOutOfSms.class, CarerOptedInToSms.class, DeviceRegistered.class, NotificationHeldBack.class,
            NotificationRetryScheduled.class, NotificationSent.class, NotificationFailed.class,
            NotificationSkipped.class, NotificationStatusReported.class, ParentReplied.class, CarerMessageReceived.class,
            UpdateAcknowledged.class);
    /** Read only to withhold what a restriction caused. */
    private static final List<Class<?>> WITHHELD = List.of(CarerRestricted.class);
    /**
     * How the notifier words a skip for a restriction ("restricted from this child", "restricted from every
     * child it was sent for"): an announcement's skip names no child to recognise it by.
     */
    private static final String RESTRICTION_SKIP = "restricted";

    private final JdbcClient jdbc;
    private final Supplier<Serializer> serializer;
    private final Supplier<EventUpcaster> upcasters;
    private final Clock clock;

    /** Axon's own event serializer and upcaster chain, looked up at first read (they are built with Axon). */
    @Autowired
    DataExportReader(JdbcClient jdbc, Configuration axon, Clock clock) {
        this(jdbc, axon::eventSerializer, axon::upcasterChain, clock);
    }

    DataExportReader(JdbcClient jdbc, Supplier<Serializer> serializer, Supplier<EventUpcaster> upcasters, Clock clock) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.upcasters = upcasters;
        this.clock = clock;
    }

    /** Blocking JDBC: call off the event loop. */
    DataExport read(String carerId) {
        List<Object> events = EventUtils.upcastAndDeserializeTrackedEvents(rowsNaming(carerId).stream(),
                        serializer.get(), upcasters.get())
                .<Object>map(EventMessage::getPayload)
                .toList();
        Set<String> restrictedFrom = events.stream()
                .filter(event -> event instanceof CarerRestricted restricted && carerId.equals(restricted.carerId()))
                .map(event -> ((CarerRestricted) event).childId())
                .collect(Collectors.toSet());
        Collector export = new Collector(carerId, restrictedFrom);
        events.forEach(export::add);
        return export.toExport(clock);
    }

    /** The rows as Axon's JDBC engine hands them to its processors (it also reads events of no aggregate). */
    private List<TrackedEventData<byte[]>> rowsNaming(String carerId) {
        List<String> types = new ArrayList<>();
        SHOWN.forEach(type -> types.add(type.getName()));
        WITHHELD.forEach(type -> types.add(type.getName()));
        return jdbc.sql("""
                        SELECT globalindex, type, aggregateidentifier, sequencenumber, eventidentifier, timestamp,
                               payloadtype, payloadrevision, payload, metadata
                        FROM domainevententry
                        WHERE payloadtype IN (:types) AND position(:id IN payload) > 0
                        ORDER BY globalindex""")
                .param("types", types)
                .param("id", ("\"" + carerId + "\"").getBytes(StandardCharsets.UTF_8))
                .query((row, n) -> (TrackedEventData<byte[]>) new TrackedDomainEventData<>(
                        GapAwareTrackingToken.newInstance(row.getLong("globalindex"), Set.of()),
                        new GenericDomainEventEntry<>(row.getString("type"), row.getString("aggregateidentifier"),
                                row.getLong("sequencenumber"), row.getString("eventidentifier"),
                                row.getString("timestamp"), row.getString("payloadtype"),
                                row.getString("payloadrevision"), row.getBytes("payload"), row.getBytes("metadata"))))
                .list();
    }

    /**
     * Builds the export from the carer's events, oldest first; events about anyone else are passed over, and so
     * is every restriction.
     */
    private static final class Collector {

        private final String carerId;
        private CarerJoinedFamily joined;
        private CarerPreferencesChanged preferences;
        private boolean smsOptedOut;
        private final List<Device> devices = new ArrayList<>();
        private final List<Notification> notifications = new ArrayList<>();
        private final Set<String> restrictedFrom;
        private final List<Reply> replies = new ArrayList<>();
        private final List<Acknowledgement> acknowledgements = new ArrayList<>();

        Collector(String carerId, Set<String> restrictedFrom) {
            this.carerId = carerId;
            this.restrictedFrom = restrictedFrom;
        }

        void add(Object event) {
            if (event instanceof CarerJoinedFamily e && mine(e.carerId())) {
                joined = e;
            } else if (event instanceof CarerPreferencesChanged e && mine(e.carerId())) {
                preferences = e;
            } else if (event instanceof CarerOptedOutOfSms e && mine(e.carerId())) {
                smsOptedOut = true;
            } else if (event instanceof CarerOptedInToSms e && mine(e.carerId())) {
                smsOptedOut = false;
            } else if (event instanceof DeviceRegistered e && mine(e.carerId())) {
                devices.add(new Device(e.token(), e.platform()));
            } else if (event instanceof NotificationHeldBack e && mine(e.carerId())) {
                notifications.add(new Notification(null, e.updateId(), null, NotificationKind.orShared(e.kind()),
                        Status.HELD_BACK, null, e.heldBackAt(), null, e.reason() + "; until " + e.until()));
            } else if (event instanceof NotificationRetryScheduled e && mine(e.carerId())) {
                notifications.add(new Notification(e.notificationId(), e.updateId(), e.channel(),
                        NotificationKind.orShared(e.kind()), Status.RETRY_SCHEDULED, null, e.scheduledAt(),
                        e.attempts(), e.reason() + "; next attempt at " + e.nextAttemptAt()));
            } else if (event instanceof NotificationSent e && mine(e.carerId())) {
                notifications.add(new Notification(e.notificationId(), e.updateId(), e.channel(),
                        NotificationKind.orShared(e.kind()), Status.SENT, e.address(), e.sentAt(), e.attempts(), null));
            } else if (event instanceof NotificationFailed e && mine(e.carerId())) {
                notifications.add(new Notification(e.notificationId(), e.updateId(), e.channel(),
                        NotificationKind.orShared(e.kind()), Status.FAILED, null, e.failedAt(), e.attempts(),
                        e.reason()));
            } else if (event instanceof NotificationSkipped e && mine(e.carerId()) && !withheld(e)) {
                notifications.add(new Notification(null, e.updateId(), null, NotificationKind.orShared(e.kind()),
                        Status.SKIPPED, null, e.skippedAt(), null, e.reason()));
            } else if (event instanceof NotificationStatusReported e && mine(e.carerId())) {
                notifications.add(reported(e));
            } else if (event instanceof ParentReplied e && mine(e.carerId())) {
                replies.add(new Reply(e.replyId(), e.updateId(), e.text(), e.channel(), e.receivedAt()));
            } else if (event instanceof CarerMessageReceived e && mine(e.carerId())) {
                replies.add(new Reply(e.replyId(), null, e.text(), e.channel(), e.receivedAt()));
            } else if (event instanceof UpdateAcknowledged e && mine(e.carerId())) {
                acknowledgements.add(new Acknowledgement(e.updateId(), e.acknowledgedAt()));
            }
        }

        private boolean mine(String id) {
            return carerId.equals(id);
        }

        private static Notification reported(NotificationStatusReported e) {
            Status status = switch (e.status()) {
                case SENT -> Status.SENT;
                case DELIVERED -> Status.DELIVERED;
                case FAILED -> Status.UNDELIVERED;
            };
            String detail = e.errorCode() == null ? "reported by the provider"
                    : "reported by the provider: error " + e.errorCode();
            return new Notification(e.notificationId(), e.updateId(), e.channel(), null, status, null, e.reportedAt(),
                    null, detail);
        }

        /**
         * A skip is withheld when the carer was ever restricted from its child, or when it says a restriction
         * caused it: either would disclose the restriction.
         */
        private boolean withheld(NotificationSkipped skip) {
            return (skip.childId() != null && restrictedFrom.contains(skip.childId()))
                    || (skip.reason() != null && skip.reason().startsWith(RESTRICTION_SKIP));
        }

        DataExport toExport(Clock clock) {
            return new DataExport(carerId, clock.instant(), details(), devices, notifications, replies,
                    acknowledgements);
        }

        private Details details() {
            if (joined == null) {
                return null;
            }
            if (preferences == null) {
                return new Details(joined.name(), joined.relationship(), joined.email(), joined.phone(),
                        joined.preferredLanguage(), joined.channels(), joined.quietHours(), smsOptedOut);
            }
            return new Details(joined.name(), joined.relationship(), joined.email(), joined.phone(),
                    preferences.preferredLanguage(), preferences.channels(), preferences.quietHours(), smsOptedOut);
        }
    }
}
