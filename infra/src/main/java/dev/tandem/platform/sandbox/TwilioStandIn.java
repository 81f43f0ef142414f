package dev.tandem.platform.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.tandem.platform.sandbox.SandboxFaults.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio's Messages resource, as far as the notifier uses it and as Twilio behaves: a message POST is
 * accepted ("queued") with a fresh SM... SID, in the JSON shape the Twilio SDK parses, recorded in the
 * outbox before it is answered, and followed by signed {@code sent} then {@code delivered} callbacks to
 * its {@code StatusCallback}; the message list ({@code GET ...Messages.json?To=&DateSent>=}) is answered
 * from what it received. {@link SandboxFaults} make it answer 503, refuse with 400 and code 21211,
 * take the message without answering in time, or report it undelivered.
 */
public final class TwilioStandIn {

    static final String SEND = "sandbox-twilio-message";
    static final String LIST = "sandbox-twilio-list";
    private static final Pattern MESSAGES = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final WireMockServer server;
    private final StatusCallbacks callbacks;

    private TwilioStandIn(WireMockServer server, StatusCallbacks callbacks) {
        this.server = server;
        this.callbacks = callbacks;
    }

    /**
     * @param noAnswerFor how long a {@code NO_ANSWER} fault holds its answer back: longer than the
     *                    notifier's read timeout
     */
    public static TwilioStandIn start(int port, OutboxStore outbox, SandboxFaults faults, StatusCallbacks callbacks,
                                      Duration noAnswerFor) {
        Map<String, String> statuses = new ConcurrentHashMap<>();
        WireMockServer server = StandInServers.start(port,
                new MessageResponder(outbox, faults, callbacks, noAnswerFor, statuses),
                new ListResponder(outbox, statuses));
        server.stubFor(post(urlPathMatching(MESSAGES.pattern())).willReturn(aResponse().withTransformers(SEND)));
        server.stubFor(get(urlPathMatching(MESSAGES.pattern())).willReturn(aResponse().withTransformers(LIST)));
        return new TwilioStandIn(server, callbacks);
    }

    public int port() {
        return server.port();
    }

    public void stop() {
        callbacks.stop();
        server.stop();
    }

    static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        if (body == null || body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            fields.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static String account(ServeEvent event) {
        Matcher path = MESSAGES.matcher(event.getRequest().getUrl().split("\\?")[0]);
        return path.matches() ? path.group(1) : "";
    }

    private static Map<String, Object> resource(String account, String sid, String to, String from, String body,
                                                String status, Instant created) {
        String date = RFC_2822.format(created.atZone(ZoneOffset.UTC));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("sid", sid);
        message.put("account_sid", account);
        message.put("to", to);
        message.put("from", from);
        message.put("messaging_service_sid", null);
        message.put("body", body);
        message.put("status", status);
        message.put("num_segments", "1");
        message.put("num_media", "0");
        message.put("direction", "outbound-api");
        message.put("api_version", "2010-04-01");
        message.put("price", null);
        message.put("price_unit", "USD");
        message.put("error_code", null);
        message.put("error_message", null);
        message.put("date_created", date);
        message.put("date_updated", date);
        message.put("date_sent", status.equals("queued") ? null : date);
        message.put("uri", "/2010-04-01/Accounts/" + account + "/Messages/" + sid + ".json");
        message.put("subresource_uris", Map.of("media",
                "/2010-04-01/Accounts/" + account + "/Messages/" + sid + "/Media.json"));
        return message;
    }

    private static ResponseDefinitionBuilder json(int status, Object body) {
        try {
            return new ResponseDefinitionBuilder()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers a message POST the way Twilio documents it: 201, the message echoed, status "queued". */
    static final class MessageResponder extends FaultableSend {

        private final SecureRandom random = new SecureRandom();
        private final OutboxStore outbox;
        private final StatusCallbacks callbacks;
        private final Map<String, String> statuses;

        MessageResponder(OutboxStore outbox, SandboxFaults faults, StatusCallbacks callbacks, Duration noAnswerFor,
                         Map<String, String> statuses) {
            super(SEND, OutboxMessage.SMS, faults, noAnswerFor);
            this.outbox = outbox;
            this.callbacks = callbacks;
            this.statuses = statuses;
        }

        @Override
        ResponseDefinitionBuilder unavailable() {
            return json(503, Map.of("code", 20503, "message", "Service Unavailable",
                    "more_info", "https://www.twilio.com/docs/errors/20503", "status", 503));
        }

        @Override
        ResponseDefinitionBuilder rejected() {
            return json(400, Map.of("code", 21211, "message", "The 'To' number is not a valid phone number.",
                    "more_info", "https://www.twilio.com/docs/errors/21211", "status", 400));
        }

        @Override
        ResponseDefinitionBuilder accepted(ServeEvent event, Optional<Kind> fault) {
            String account = account(event);
            Map<String, String> form = form(event.getRequest().getBodyAsString());
            byte[] id = new byte[16];
            random.nextBytes(id);
            String sid = "SM" + HexFormat.of().formatHex(id);
            Instant now = Instant.now();
            outbox.record(new OutboxMessage(OutboxMessage.SMS, form.get("To"), null, null, form.get("Body"), now, sid));
            statuses.put(sid, "queued");
            String callback = form.get("StatusCallback");
            if (callback != null && !callback.isBlank()) {
                Map<String, String> message = new HashMap<>();
                message.put("MessageSid", sid);
                message.put("SmsSid", sid);
                message.put("AccountSid", account);
                message.put("From", String.valueOf(form.get("From")));
                message.put("To", String.valueOf(form.get("To")));
                message.put("ApiVersion", "2010-04-01");
                boolean undelivered = fault.isPresent() && fault.get() == Kind.UNDELIVERED;
                statuses.put(sid, undelivered ? "undelivered" : "delivered");
                callbacks.report(callback, message, "sent", undelivered ? "undelivered" : "delivered");
            }
            return json(201, resource(account, sid, form.get("To"), form.get("From"), form.get("Body"), "queued", now));
        }
    }

    /** Twilio's message list, one page, newest first, by recipient and date sent. */
    static final class ListResponder implements ResponseDefinitionTransformerV2 {

        private final OutboxStore outbox;
        private final Map<String, String> statuses;

        ListResponder(OutboxStore outbox, Map<String, String> statuses) {
            this.outbox = outbox;
            this.statuses = statuses;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String url = event.getRequest().getUrl();
            Map<String, String> query = form(url.contains("?") ? url.substring(url.indexOf('?') + 1) : "");
            String to = query.get("To");
            Instant since = since(query.get("DateSent>="));
            String account = account(event);
            List<OutboxMessage> sms = outbox.of(OutboxMessage.SMS);
            List<Map<String, Object>> messages = new java.util.ArrayList<>();
            for (int i = sms.size() - 1; i >= 0; i--) {
                OutboxMessage message = sms.get(i);
                if ((to == null || samePhone(to, message.to())) && (since == null || !message.sentAt().isBefore(since))) {
                    messages.add(resource(account, message.providerId(), message.to(), null, message.body(),
                            statuses.getOrDefault(message.providerId(), "delivered"), message.sentAt()));
                }
            }
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("messages", messages);
            page.put("first_page_uri", event.getRequest().getUrl());
            page.put("next_page_uri", null);
            page.put("previous_page_uri", null);
            page.put("page", 0);
            page.put("page_size", Math.max(messages.size(), 50));
            page.put("start", 0);
            page.put("end", Math.max(messages.size() - 1, 0));
            page.put("uri", event.getRequest().getUrl());
            return json(200, page).build();
        }

        /** Twilio filters by date; the SDK may send a date or a date and time. */
        private static Instant since(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notAnInstant) {
                try {
                    return LocalDate.parse(value.substring(0, Math.min(10, value.length()))).atStartOfDay(ZoneOffset.UTC)
                            .toInstant();
                } catch (DateTimeParseException notADate) {
                    return null;
                }
            }
        }

        private static boolean samePhone(String wanted, String actual) {
            return actual != null && wanted.replaceAll("[^0-9]", "").equals(actual.replaceAll("[^0-9]", ""));
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return LIST;
        }
    }
}
