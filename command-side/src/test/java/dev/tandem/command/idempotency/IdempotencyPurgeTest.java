package dev.tandem.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.command.idempotency.IdempotencyStore.Answer;
import dev.tandem.command.idempotency.IdempotencyStore.Claim;
import dev.tandem.support.testing.TestClock;
import dev.tandem.support.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

class IdempotencyPurgeTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T09:30:00Z"));
    private final IdempotencyStore store = new IdempotencyStore(TestDatabase.jdbc());

    @BeforeEach
    void clear() {
        TestDatabase.truncate("idempotency_key");
    }

    @Test
    void purgeRemovesKeysOlderThan24HoursABoundedBatchAtATime() {
        Instant start = clock.instant();
        keep("old-1", start);
        keep("old-2", start.plusSeconds(1));
        keep("old-3", start.plusSeconds(2));
        keep("recent", start.plus(Duration.ofHours(20)));
        clock.advance(Duration.ofHours(25));
        IdempotencyPurge purge = new IdempotencyPurge(store, clock,
                new IdempotencyProperties(null, null, new IdempotencyProperties.Purge(true, null, 2)));

        assertThat(purge.purge()).isEqualTo(2);
        assertThat(purge.purge()).isEqualTo(1);
        assertThat(purge.purge()).isZero();
        assertThat(keys()).containsExactly("recent");
    }

    @Test
    void purgeRunsByDefault() {
        contexts().run(context -> assertThat(context).hasSingleBean(IdempotencyPurge.class)
                .hasSingleBean(IdempotencyFilter.class));
    }

    @Test
    void purgeCanBeTurnedOff() {
        contexts().withPropertyValues("platform.idempotency.purge.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(IdempotencyPurge.class)
                        .hasSingleBean(IdempotencyFilter.class));
    }

    private ApplicationContextRunner contexts() {
        return new ApplicationContextRunner()
                .withBean(JdbcClient.class, TestDatabase::jdbc)
                .withBean(Clock.class, () -> clock)
                .withUserConfiguration(IdempotencyConfiguration.class);
    }

    private void keep(String key, Instant createdAt) {
        Claim claim = new Claim("alice", key, "0".repeat(64), createdAt);
        assertThat(store.claim(claim, createdAt.minus(IdempotencyFilter.RETENTION), createdAt)).isTrue();
        store.complete(claim, new Answer(201, null, null, new byte[0]));
    }

    private static List<String> keys() {
        return TestDatabase.jdbc().sql("SELECT idempotency_key FROM idempotency_key ORDER BY 1")
                .query(String.class).list();
    }
}
