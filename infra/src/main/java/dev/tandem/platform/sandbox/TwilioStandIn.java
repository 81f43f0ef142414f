package dev.tandem.platform.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio's Messages resource, as far as the notifier uses it: a message POST is accepted ("queued")
 * with a fresh SM... SID, in the JSON shape the Twilio SDK parses. What it received is the SMS outbox.
 */
public final class TwilioStandIn {

    static final String TRANSFORMER = "sandbox-twilio-message";
    private static final Pattern MESSAGES = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;

    private TwilioStandIn(WireMockServer server) {
        this.server = server;
    }

    public static TwilioStandIn start(int port) {
        WireMockServer server = StandInServers.start(port, new MessageResponder());
        server.stubFor(post(urlPathMatching(MESSAGES.pattern()))
                .willReturn(aResponse().withTransformers(TRANSFORMER)));
        return new TwilioStandIn(server);
    }

    public int port() {
        return server.port();
    }

    public void stop() {
        server.stop();
    }

    /** Every message accepted so far, in the order received. */
    public List<Received> received() {
        return StandInServers.accepted(server, MESSAGES, 201)
                .map(TwilioStandIn::received)
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(Received::receivedAt))
                .toList();
    }

    /** An SMS as Twilio took it: to, body, the SID it answered with, when. */
    public record Received(String to, String body, String sid, Instant receivedAt) {
    }

    private static Received received(ServeEvent event) {
        try {
            Map<String, String> form = form(event.getRequest().getBodyAsString());
            JsonNode answer = JSON.readTree(event.getResponse().getBodyAsString());
            return new Received(form.get("To"), form.get("Body"), answer.path("sid").asText(null),
                    event.getRequest().getLoggedDate().toInstant());
        } catch (IOException e) {
            return null;
        }
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

    /** Answers a message POST the way Twilio documents it: 201, the message echoed, status "queued". */
    static final class MessageResponder implements ResponseDefinitionTransformerV2 {

        private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;
        private final SecureRandom random = new SecureRandom();

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Matcher path = MESSAGES.matcher(event.getRequest().getUrl().split("\\?")[0]);
            String account = path.matches() ? path.group(1) : "";
            Map<String, String> form = form(event.getRequest().getBodyAsString());
            byte[] id = new byte[16];
            random.nextBytes(id);
            String sid = "SM" + HexFormat.of().formatHex(id);
            String now = RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC));
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("sid", sid);
            message.put("account_sid", account);
            message.put("to", form.get("To"));
            message.put("from", form.get("From"));
            message.put("messaging_service_sid", form.get("MessagingServiceSid"));
            message.put("body", form.get("Body"));
            message.put("status", "queued");
            message.put("num_segments", "1");
            message.put("num_media", "0");
            message.put("direction", "outbound-api");
            message.put("api_version", "2010-04-01");
            message.put("price", null);
            message.put("price_unit", "USD");
            message.put("error_code", null);
            message.put("error_message", null);
            message.put("date_created", now);
            message.put("date_updated", now);
            message.put("date_sent", null);
            message.put("uri", "/2010-04-01/Accounts/" + account + "/Messages/" + sid + ".json");
            message.put("subresource_uris", Map.of("media",
                    "/2010-04-01/Accounts/" + account + "/Messages/" + sid + "/Media.json"));
            try {
                return new ResponseDefinitionBuilder()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(JSON.writeValueAsString(message))
                        .build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return TRANSFORMER;
        }
    }
}
