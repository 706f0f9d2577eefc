package com.crosswalk.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.sql.Database;
import com.crosswalk.support.TestDatabase;

class LookupPlannerTest {

	@TempDir
	Path dir;

	JdbcTemplate jdbc;

	final Clock clock = Clock.fixed(Instant.parse("2026-12-06T06:00:00Z"), ZoneOffset.UTC);

	@BeforeEach
	void migrate() {
		jdbc = TestDatabase.h2(dir).migrated().jdbc();
	}

	@Test
	void eachScopeAPassMaySliceIsOpenedInPassZeroWithOneOfItsIds() {
		stage("psid", "111", "1", 1);
		stage("psid", "111", "2", 1);
		stage("psid", "111", "0", 2);
		stage("asid", "222", "4", 1);
		stage("asid", "222", "5", 1);
		stage("psid", "333", "6", 2);

		planner(ScopeSlicing.forWorkers(true, 1000, 0)).plan(1, RecheckBlocked.NONE);

		// page scopes may be sliced (no budget), app scopes not (a budget per hour); a pass-1 ID where there is one
		assertThat(passZeroIdsByScope()).containsExactly(Map.entry("111", 1), Map.entry("333", 1));
		assertThat(jdbc.queryForList("SELECT scoped_id FROM cw_staging WHERE lookup_pass = 0 ORDER BY scoped_id",
				String.class)).containsExactly("1", "6");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_staging WHERE status = 'PENDING'", Integer.class))
			.isEqualTo(6);
	}

	@Test
	void inOneJvmNoScopeIsOpenedAhead() {
		stage("psid", "111", "1", 1);
		stage("asid", "222", "4", 1);

		planner(ScopeSlicing.NONE).plan(1, RecheckBlocked.NONE);

		assertThat(passZeroIdsByScope()).isEmpty();
	}

	private LookupPlanner planner(ScopeSlicing slicing) {
		return new LookupPlanner(jdbc, Database.H2, clock, Duration.ofDays(30),
				new BlockedScopes(jdbc, clock, Duration.ofHours(24)), slicing);
	}

	private Map<String, Integer> passZeroIdsByScope() {
		Map<String, Integer> counts = new TreeMap<>();
		jdbc.query("SELECT scope_id, COUNT(*) FROM cw_staging WHERE lookup_pass = 0 AND status = 'PENDING'"
				+ " GROUP BY scope_id", rs -> {
					counts.put(rs.getString(1), rs.getInt(2));
				});
		return counts;
	}

	private void stage(String type, String scope, String id, int pass) {
		jdbc.update("INSERT INTO cw_staging (id_key, id_type, scope_id, scoped_id, first_position, lookup_order,"
				+ " occurrences, lookup_pass, status, instance_id) VALUES (?, ?, ?, ?, 1, 1, 1, ?, 'PENDING', 1)",
				type + ":" + scope + ":" + id, type, scope, id, pass);
	}
}
