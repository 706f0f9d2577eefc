package com.crosswalk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.sql.Database;
import com.crosswalk.sql.UpsertWriter;
import com.crosswalk.support.TestDatabase;

/** The merge step against a real database: which links join which identifiers into persons. */
class PersonMergerTest {

	static final Timestamp AT = Timestamp.from(Instant.parse("2026-11-25T00:00:00Z"));

	@TempDir
	static Path dir;

	static Stream<TestDatabase> databases() {
		return TestDatabase.both(dir);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void aCustomerJoinsThePersonOfItsResolvedIdsOnlyNeverOfAnIdStillBlocked(TestDatabase database) {
		JdbcTemplate jdbc = database.migrated().jdbc();
		String appId = "asid:111:2001";
		String pageId = "psid:222:1001";
		String blockedPageId = "psid:333:1002";
		identity(jdbc, appId);
		identity(jdbc, pageId);
		link(jdbc, appId, pageId, "graph");
		// the customer's third ID is blocked pending review: staged and linked, never resolved into cw_identity
		link(jdbc, "customer::C1", appId, "customer");
		link(jdbc, "customer::C1", blockedPageId, "customer");
		// a customer whose only ID is blocked has no person to join
		link(jdbc, "customer::C2", blockedPageId, "customer");

		new PersonMerger(jdbc, new UpsertWriter(jdbc, Database.of(jdbc)), Clock.fixed(AT.toInstant(), ZoneOffset.UTC),
				MergeGuards.defaults(), PersonMerger.DEFAULT_SLICE_SIZE, Duration.ofHours(1))
			.merge(1);

		String person = personOf(jdbc, appId);
		assertThat(person).isNotNull();
		assertThat(personOf(jdbc, pageId)).isEqualTo(person);
		assertThat(personOf(jdbc, "customer::C1")).isEqualTo(person);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_identity WHERE id_key IN (?, ?)", Long.class,
				blockedPageId, "customer::C2"))
			.as("neither the blocked ID nor the customer that reached only it").isZero();
		assertThat(jdbc.queryForObject("SELECT id_count FROM cw_person WHERE person_key = ?", Integer.class, person))
			.isEqualTo(3);
	}

	private static void identity(JdbcTemplate jdbc, String key) {
		Identifier id = Identifier.parse(key);
		jdbc.update("INSERT INTO cw_identity (id_key, id_type, scope_id, scoped_id, first_seen, last_verified)"
				+ " VALUES (?, ?, ?, ?, ?, ?)", key, key.substring(0, 4), id.scopeId(), id.value(), AT, AT);
	}

	private static void link(JdbcTemplate jdbc, String from, String to, String kind) {
		jdbc.update("INSERT INTO cw_link (from_key, to_key, kind, evidence, instance_id, learnt_at)"
				+ " VALUES (?, ?, ?, 'test', 1, ?)", from, to, kind, AT);
	}

	private static String personOf(JdbcTemplate jdbc, String key) {
		return jdbc.queryForObject("SELECT person_key FROM cw_identity WHERE id_key = ?", String.class, key);
	}
}
