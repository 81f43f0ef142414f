package dev.tandem.support.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;

/**
 * The edge every service shares: size limits and address ids checked first, each refusal problem+json
 * (including the firewall's, for an encoded NUL or {@code ..%2F} in an address), never the server's
 * empty answers.
 */
@AutoConfiguration
public class WebEdgeAutoConfiguration {

    /** Reactor Netty refuses long lines and large headers with empty 414/431 answers; let them reach RequestLimits. */
    private static final int SERVER_LIMIT = 64 * 1024;

    @Bean
    RequestLimits requestLimits() {
        return new RequestLimits();
    }

    @Bean
    PathIds pathIds() {
        return new PathIds();
    }

    @Bean
    AcceptableAnswers acceptableAnswers() {
        return new AcceptableAnswers();
    }

    /** Added after Boot's own server customizers (which set the decoder from server.* properties), so it wins. */
    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> roomyRequestDecoder() {
        return new RoomyRequestDecoder();
    }

    private static final class RoomyRequestDecoder
            implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {
        @Override
        public void customize(NettyReactiveWebServerFactory factory) {
            factory.addServerCustomizers(server -> server.httpRequestDecoder(decoder -> decoder
                    .maxInitialLineLength(SERVER_LIMIT)
                    .maxHeaderSize(SERVER_LIMIT)));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    @Bean
    ServerExchangeRejectedHandler problemForRejectedExchanges() {
        return (exchange, rejected) -> ProblemResponses.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                "The address holds characters the platform does not accept.");
    }
}
