package com.crosswalk.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.support.TestDatabase;

class LookupPartitionsTest {

	@TempDir
	Path dir;

	JdbcTemplate jdbc;

	@BeforeEach
	void migrate() {
		jdbc = new JdbcTemplate(TestDatabase.h2(dir.resolve("db")).migrated().dataSource());
	}

	@Test
	void eachScopeIsAPartitionOfItsOwnWhileThereAreWorkersEnough() {
		stage("111", 3, 1);
		stage("222", 1, 1);
		stage("333", 2, 2);

		List<LookupPartition> partitions = new LookupPartitions(jdbc, 100, 10).of(1, 8);

		assertThat(partitions).extracting(LookupPartition::scopes).containsExactlyInAnyOrder(List.of("111"),
				List.of("222"));
		// two lanes of two pages share the window of 100
		assertThat(partitions).extracting(LookupPartition::pageSize).containsOnly(25);
	}

	@Test
	void moreScopesThanWorkersAreDealtOutByTheirPendingIds() {
		stage("111", 6, 1);
		stage("222", 4, 1);
		stage("333", 3, 1);
		stage("444", 2, 1);

		List<LookupPartition> partitions = new LookupPartitions(jdbc, 100, 10).of(1, 2);

		// largest first, each to the partition holding fewer: 111 | 222, 333 (7) | then 444 joins 111 (6)
		assertThat(partitions).extracting(LookupPartition::scopes)
			.containsExactlyInAnyOrder(List.of("111", "444"), List.of("222", "333"));
		// a page is never smaller than one batch request
		assertThat(partitions).extracting(LookupPartition::pageSize).containsOnly(12);
	}

	@Test
	void aPassWithNothingPendingHasNoPartitions() {
		stage("111", 2, 1);

		assertThat(new LookupPartitions(jdbc, 100, 10).of(0, 8)).isEmpty();
	}

	@Test
	void aNameStandsForItsPassAndScopesAndShowsNoScopeId() {
		LookupPartition some = new LookupPartition(1, List.of("111", "222"), 10);

		assertThat(some.name()).matches("pass1-[0-9a-f]{16}")
			.isEqualTo(new LookupPartition(1, List.of("111", "222"), 50).name())
			.isNotEqualTo(new LookupPartition(1, List.of("111", "333"), 10).name())
			.isNotEqualTo(new LookupPartition(2, List.of("111", "222"), 10).name());
	}

	private void stage(String scope, int ids, int pass) {
		for (int i = 0; i < ids; i++) {
			jdbc.update("INSERT INTO cw_staging (id_key, id_type, scope_id, scoped_id, first_position, lookup_order,"
					+ " occurrences, lookup_pass, status, instance_id) VALUES (?, 'psid', ?, ?, 1, ?, 1, ?, 'PENDING', 1)",
					"psid:" + scope + ":" + i, scope, Integer.toString(i), i, pass);
		}
	}
}
