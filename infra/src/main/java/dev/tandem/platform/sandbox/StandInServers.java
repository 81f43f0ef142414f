package dev.tandem.platform.sandbox;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Extension;

/** What the WireMock provider stand-ins share: how they listen. */
final class StandInServers {

    private StandInServers() {
    }

    /** A started server on loopback only, answering through the stand-in's own responder. */
    static WireMockServer start(int port, Extension... responders) {
        WireMockServer server = new WireMockServer(wireMockConfig()
                .bindAddress("127.0.0.1")
                .port(port)
                // the outbox is kept apart (OutboxStore): the journal only helps someone debugging
                .maxRequestJournalEntries(1_000)
                .extensions(responders));
        server.start();
        return server;
    }
}
