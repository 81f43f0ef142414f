package dev.tandem.command.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.common.Channel;
import dev.tandem.api.common.QuietHours;
import dev.tandem.api.family.CarerJoinedFamily;
import dev.tandem.api.family.CarerPreferencesChanged;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The carer's language, as the rule lookups keep it from events, in a real PostgreSQL with the real migrations. */
class CarerLanguageLookupTest {

    private static EmbeddedPostgres postgres;
    private static JdbcClient jdbc;

    private final RuleLookupsProjection projection = new RuleLookupsProjection(jdbc);
    private final JdbcRuleLookups lookups = new JdbcRuleLookups(jdbc);

    @BeforeAll
    static void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void emptyCarers() {
        jdbc.sql("TRUNCATE lookup_carer").update();
    }

    private static CarerJoinedFamily joined(String carerId, String language) {
        return new CarerJoinedFamily("family-1", "setting-1", carerId, "Anna Nowak", "mother", "anna@example.com",
                "+447700900123", language, List.of(Channel.SMS), null);
    }

    @Test
    void aCarerJoinsWithTheLanguageTheyStated() {
        projection.on(joined("carer-1", "pl"));
        assertThat(lookups.preferredLanguageOf("carer-1")).contains("pl");
    }

    @Test
    void aChangedPreferenceReplacesTheLanguage() {
        projection.on(joined("carer-1", "pl"));
        projection.on(new CarerPreferencesChanged("family-1", "setting-1", "carer-1", "ur", List.of(Channel.APP),
                new QuietHours(LocalTime.of(21, 0), LocalTime.of(7, 0)), "carer-1", Instant.parse("2026-11-23T18:05:00Z")));
        assertThat(lookups.preferredLanguageOf("carer-1")).contains("ur");
        assertThat(lookups.carer("carer-1")).hasValueSatisfying(carer -> assertThat(carer.familyId()).isEqualTo("family-1"));
    }

    @Test
    void aCarerWhoStatedNoLanguageHasNone() {
        projection.on(joined("carer-2", null));
        assertThat(lookups.preferredLanguageOf("carer-2")).isEmpty();
        assertThat(lookups.preferredLanguageOf("nobody")).isEmpty();
    }

    @Test
    void replayingTheJoinKeepsOneRowWithItsLanguage() {
        projection.on(joined("carer-1", "pl"));
        projection.on(joined("carer-1", "pl"));
        assertThat(jdbc.sql("SELECT count(*) FROM lookup_carer").query(Long.class).single()).isEqualTo(1L);
        assertThat(lookups.preferredLanguageOf("carer-1")).contains("pl");
    }
}
