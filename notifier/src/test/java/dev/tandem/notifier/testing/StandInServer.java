package dev.tandem.notifier.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;

/** A WireMock server on a free loopback port. */
public final class StandInServer {

    private StandInServer() {
    }

    public static WireMockServer start() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }
}
