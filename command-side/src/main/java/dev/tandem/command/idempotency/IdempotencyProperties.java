package dev.tandem.command.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How {@link IdempotencyFilter} keeps keys. How long a key is kept (24 hours) is the public
 * contract's, so it is not a setting.
 *
 * @param inFlightTimeout how long a request may hold its key unanswered before a repeat may take it over
 *                        (longer than any command's timeout, so only a crashed process leaves one behind)
 * @param maxBodySize     the largest request body that a keyed request may have
 * @param purge           the removal of keys older than 24 hours
 */
@ConfigurationProperties("platform.idempotency")
public record IdempotencyProperties(Duration inFlightTimeout, DataSize maxBodySize, Purge purge) {

    public IdempotencyProperties {
        inFlightTimeout = inFlightTimeout == null ? Duration.ofMinutes(2) : inFlightTimeout;
        maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(256) : maxBodySize;
        purge = purge == null ? new Purge(null, null, null) : purge;
    }

    /**
     * @param enabled   whether this process purges (on by default; one of several processes sharing a
     *                  database is enough, though running it in all of them does no harm)
     * @param interval  the pause between two runs
     * @param batchSize the most rows one run deletes, so that a run never holds locks for long
     */
    public record Purge(Boolean enabled, Duration interval, Integer batchSize) {

        public Purge {
            enabled = enabled == null || enabled;
            interval = interval == null ? Duration.ofMinutes(10) : interval;
            batchSize = batchSize == null ? 1000 : batchSize;
        }
    }
}
