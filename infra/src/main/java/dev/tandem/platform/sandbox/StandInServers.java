package dev.tandem.platform.sandbox;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the WireMock provider stand-ins share: how they listen, and how what they accepted is read back. */
final class StandInServers {

    private StandInServers() {
    }

    /** A started server on loopback only, answering through the stand-in's own responder. */
    static WireMockServer start(int port, Extension responder) {
        WireMockServer server = new WireMockServer(wireMockConfig()
                .bindAddress("127.0.0.1")
                .port(port)
                // the outbox is read from the request journal: keep it bounded in a long-running sandbox
                .maxRequestJournalEntries(10_000)
                .extensions(responder));
        server.start();
        return server;
    }

    /** The requests to {@code path} that the stand-in accepted with {@code status}, in journal order. */
    static Stream<ServeEvent> accepted(WireMockServer server, Pattern path, int status) {
        return server.getAllServeEvents().stream()
                .filter(event -> event.getWasMatched() && event.getResponse() != null
                        && event.getResponse().getStatus() == status
                        && path.matcher(event.getRequest().getUrl().split("\\?")[0]).matches());
    }
}
