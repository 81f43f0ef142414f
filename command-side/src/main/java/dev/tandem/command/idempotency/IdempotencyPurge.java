package dev.tandem.command.idempotency;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Deletes keys older than 24 hours, a bounded batch per run so that no run holds locks for long. */
class IdempotencyPurge {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final IdempotencyStore store;
    private final Clock clock;
    private final int batchSize;

    IdempotencyPurge(IdempotencyStore store, Clock clock, IdempotencyProperties properties) {
        this.store = store;
        this.clock = clock;
        this.batchSize = properties.purge().batchSize();
    }

    @Scheduled(initialDelayString = "${platform.idempotency.purge.interval:PT10M}",
            fixedDelayString = "${platform.idempotency.purge.interval:PT10M}")
    int purge() {
        int deleted = store.purge(clock.instant().minus(IdempotencyFilter.RETENTION), batchSize);
        if (deleted > 0) {
            log.debug("Purged {} idempotency keys older than {}", deleted, IdempotencyFilter.RETENTION);
        }
        return deleted;
    }
}
