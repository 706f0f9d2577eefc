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

		List<LookupPartition> partitions = new LookupPartitions(jdbc, 100, 10, ScopeSlicing.NONE).of(1, 8);

		assertThat(partitions).extracting(LookupPartition::scopes).containsExactlyInAnyOrder(List.of("111"),
				List.of("222"));
		// two lanes of two pages share the window of 100, each page in whole batch requests of 10
		assertThat(partitions).extracting(LookupPartition::pageSize).containsOnly(20);
	}

	@Test
	void moreScopesThanWorkersAreDealtOutByTheirPendingIds() {
		stage("111", 6, 1);
		stage("222", 4, 1);
		stage("333", 3, 1);
		stage("444", 2, 1);

		List<LookupPartition> partitions = new LookupPartitions(jdbc, 60, 10, ScopeSlicing.NONE).of(1, 2);

		// largest first, each to the partition holding fewer: 111 | 222, 333 (7) | then 444 joins 111 (6)
		assertThat(partitions).extracting(LookupPartition::scopes)
			.containsExactlyInAnyOrder(List.of("111", "444"), List.of("222", "333"));
		// four lanes of two pages would share the window of 60 in pages of 7: a page is never smaller than one batch
		assertThat(partitions).extracting(LookupPartition::pageSize).containsOnly(10);
	}

	@Test
	void aPassWithNothingPendingHasNoPartitions() {
		stage("111", 2, 1);

		assertThat(new LookupPartitions(jdbc, 100, 10, ScopeSlicing.NONE).of(0, 8)).isEmpty();
	}

	@Test
	void aNameStandsForItsPassAndScopesAndShowsNoScopeId() {
		LookupPartition some = new LookupPartition(1, List.of("111", "222"), 10);

		assertThat(some.name()).matches("pass1-[0-9a-f]{16}")
			.isEqualTo(new LookupPartition(1, List.of("111", "222"), 50).name())
			.isNotEqualTo(new LookupPartition(1, List.of("111", "333"), 10).name())
			.isNotEqualTo(new LookupPartition(2, List.of("111", "222"), 10).name());
	}

	@Test
	void whereWorkersMaySliceScopesTheLargestAreSlicedUntilThePartitionsAreUsed() {
		stageScattered("111", "psid", 1000);
		stageScattered("222", "psid", 200);

		List<LookupPartition> partitions = new LookupPartitions(jdbc, 160, 10, psidsSliced()).of(1, 4);

		// 111 has the most IDs a slice twice over (500, then 333 against 222's 100)
		assertThat(partitions).extracting(LookupPartition::label)
			.containsExactlyInAnyOrder("111 (slice 1 of 3)", "111 (slice 2 of 3)", "111 (slice 3 of 3)", "222");
		// four lanes of two pages share the window
		assertThat(partitions).extracting(LookupPartition::pageSize).containsOnly(20);
		// the slices read every pending ID of the scope once, and about as many each
		List<Integer> read = partitions.stream()
			.filter(p -> p.scopes().equals(List.of("111")))
			.map(p -> jdbc.queryForObject("SELECT COUNT(*) FROM cw_staging WHERE scope_id = '111'"
					+ " AND lookup_order BETWEEN ? AND ?", Integer.class, p.slice().fromOrder(), p.slice().toOrder()))
			.toList();
		assertThat(read.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
		assertThat(read).allSatisfy(ids -> assertThat(ids).isBetween(300, 367));
		assertThat(partitions).extracting(LookupPartition::name).doesNotHaveDuplicates();
	}

	@Test
	void slicesGoToTheScopesWhoseSlicesAreLargestSoThatTheLargestPartitionIsAsSmallAsItCanBe() {
		stageScattered("111", "psid", 300);
		stageScattered("222", "psid", 250);
		stageScattered("333", "psid", 200);
		stageScattered("444", "psid", 150);
		stageScattered("555", "psid", 140);

		List<LookupPartition> partitions = new LookupPartitions(jdbc, 160, 10, psidsSliced()).of(1, 8);

		// slicing 111 twice (100 a slice) would leave 333 whole at 200: the pass would last as long as it
		assertThat(partitions).extracting(LookupPartition::label)
			.containsExactlyInAnyOrder("111 (slice 1 of 2)", "111 (slice 2 of 2)", "222 (slice 1 of 2)",
					"222 (slice 2 of 2)", "333 (slice 1 of 2)", "333 (slice 2 of 2)", "444", "555");
	}

	@Test
	void aScopeIsNotSlicedWhereItsKindHasABudgetOrItsSlicesWouldBeSmall() {
		stageScattered("111", "asid", 1000);
		stageScattered("222", "psid", 60);

		List<LookupPartition> partitions = new LookupPartitions(jdbc, 160, 10, psidsSliced()).of(1, 4);

		// app scopes have a budget here; 222's slices would hold fewer than four batch requests
		assertThat(partitions).extracting(LookupPartition::label).containsExactlyInAnyOrder("111", "222");
	}

	@Test
	void aSliceIsNamedApartFromItsScopeAndTheOtherSlices() {
		LookupPartition whole = new LookupPartition(1, List.of("111"), 10);
		LookupPartition first = new LookupPartition(1, List.of("111"), 10, new LookupPartition.Slice(0, 2));

		assertThat(first.name()).matches("pass1-[0-9a-f]{16}")
			.isNotEqualTo(whole.name())
			.isNotEqualTo(new LookupPartition(1, List.of("111"), 10, new LookupPartition.Slice(1, 2)).name())
			.isNotEqualTo(new LookupPartition(1, List.of("111"), 10, new LookupPartition.Slice(0, 3)).name());
	}

	private static ScopeSlicing psidsSliced() {
		return ScopeSlicing.forWorkers(true, 1000, 0);
	}

	/** IDs of one scope in pass 1 with lookup orders spread as the import spreads them. */
	private void stageScattered(String scope, String type, int ids) {
		// one batch: a statement a row commits a row at a time, 11 s for these 1,060 rows on H2
		jdbc.batchUpdate("INSERT INTO cw_staging (id_key, id_type, scope_id, scoped_id, first_position, lookup_order,"
				+ " occurrences, lookup_pass, status, instance_id) VALUES (?, ?, ?, ?, 1, ?, 1, 1, 'PENDING', 1)",
				java.util.stream.IntStream.range(0, ids)
					.mapToObj(i -> new Object[] { type + ":" + scope + ":" + i, type, scope, Integer.toString(i),
							(Long.MAX_VALUE / ids) * i })
					.toList());
	}

	private void stage(String scope, int ids, int pass) {
		for (int i = 0; i < ids; i++) {
			jdbc.update("INSERT INTO cw_staging (id_key, id_type, scope_id, scoped_id, first_position, lookup_order,"
					+ " occurrences, lookup_pass, status, instance_id) VALUES (?, 'psid', ?, ?, 1, ?, 1, ?, 'PENDING', 1)",
					"psid:" + scope + ":" + i, scope, Integer.toString(i), i, pass);
		}
	}
}
