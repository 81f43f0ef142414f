package dev.tandem.notifier.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tandem.notifier.sms.TwilioProperties;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Canned answers of Twilio's Messages resource, as documented, for WireMock. */
public final class TwilioStandIn {

    public static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    public static final String AUTH_TOKEN = "test-auth-token";
    public static final String FROM = "+447700900000";
    public static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

    private TwilioStandIn() {
    }

    public static TwilioProperties properties(WireMockServer server) {
        return new TwilioProperties(ACCOUNT_SID, AUTH_TOKEN, FROM, URI.create(server.baseUrl()));
    }

    public static void accepts(WireMockServer server, String sid) {
        server.stubFor(post(urlPathMatching("/2010-04-01/Accounts/.+/Messages.json"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"sid": "%s", "account_sid": "%s", "to": "+447700900123", "from": "%s",
                                 "body": "hello", "status": "queued", "num_segments": "1",
                                 "direction": "outbound-api", "api_version": "2010-04-01",
                                 "date_created": "Mon, 23 Nov 2026 09:30:00 +0000",
                                 "uri": "/2010-04-01/Accounts/%s/Messages/%s.json"}"""
                                .formatted(sid, ACCOUNT_SID, FROM, ACCOUNT_SID, sid))));
    }

    public static void refuses(WireMockServer server, int status, int code, String message) {
        server.stubFor(post(urlPathMatching("/2010-04-01/Accounts/.+/Messages.json"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d",
                                 "status": %d}""".formatted(code, message, code, status))));
    }

    public static void answers(WireMockServer server, ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathMatching("/2010-04-01/Accounts/.+/Messages.json")).willReturn(response));
    }

    public static void resetsConnection(WireMockServer server) {
        answers(server, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    }

    public static List<Map<String, String>> received(WireMockServer server) {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        urlPathMatching("/2010-04-01/Accounts/.+/Messages.json"))).stream()
                .map(TwilioStandIn::form)
                .toList();
    }

    public static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }
}
