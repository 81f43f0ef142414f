package dev.tandem.notifier.dispatch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a provider's client waits to connect and for an answer. A call that is not answered in
 * time has an unknown outcome (it may have been sent), so its channel is given up rather than risked
 * twice: short enough that a hung provider costs seconds, long enough for a slow answer.
 */
@ConfigurationProperties("platform.notifier.provider-timeout")
public record ProviderTimeouts(@DefaultValue("PT5S") Duration connect, @DefaultValue("PT10S") Duration read) {

    public static final ProviderTimeouts DEFAULTS = new ProviderTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

    /** After this long without an answer a call is surely over: its process is gone if it is still in flight. */
    public Duration callSurelyOver() {
        return connect.plus(read).multipliedBy(2).plusSeconds(5);
    }
}
