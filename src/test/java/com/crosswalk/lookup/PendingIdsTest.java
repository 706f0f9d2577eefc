package com.crosswalk.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.id.IdType;
import com.crosswalk.support.TestDatabase;

class PendingIdsTest {

	@TempDir
	Path dir;

	JdbcTemplate jdbc;

	PendingIds pending;

	@BeforeEach
	void migrate() {
		jdbc = TestDatabase.h2(dir).migrated().jdbc();
		pending = new PendingIds(jdbc);
	}

	@Test
	void aLanePagesThroughItsScopeInLookupOrderOnceEvenWhereOrdersRepeat() {
		// orders 5 and 7 are shared by several IDs (one input row holding several IDs)
		stage("111", "1", 7, 1, "PENDING");
		stage("111", "2", 5, 1, "PENDING");
		stage("111", "3", 5, 1, "PENDING");
		stage("111", "4", 5, 1, "PENDING");
		stage("111", "5", 9, 1, "PENDING");
		stage("111", "6", 7, 1, "PENDING");
		stage("111", "7", 1, 1, "COVERED");
		stage("111", "8", 2, 2, "PENDING");
		stage("222", "9", 3, 1, "PENDING");

		List<String> read = new ArrayList<>();
		PendingIds.Cursor cursor = PendingIds.Cursor.START;
		List<Integer> pageSizes = new ArrayList<>();
		while (true) {
			PendingIds.Page page = pending.page("111", 1, cursor, 2, Long.MAX_VALUE);
			if (page.ids().isEmpty()) {
				break;
			}
			pageSizes.add(page.ids().size());
			page.ids().forEach(p -> read.add(p.id().id()));
			cursor = page.next();
		}

		assertThat(read).containsExactly("2", "3", "4", "1", "6", "5");
		assertThat(pageSizes).containsExactly(2, 2, 2);
	}

	@Test
	void aPageSkipsWhatWasRecordedMeanwhileWithoutLosingItsPlace() {
		stage("111", "1", 1, 1, "PENDING");
		stage("111", "2", 2, 1, "PENDING");
		stage("111", "3", 3, 1, "PENDING");
		stage("111", "4", 4, 1, "PENDING");
		PendingIds.Page first = pending.page("111", 1, PendingIds.Cursor.START, 2, Long.MAX_VALUE);
		// the first page's answers are recorded, and one of them named ID 4
		jdbc.update("UPDATE cw_staging SET status = 'RESOLVED' WHERE scoped_id IN ('1', '2')");
		jdbc.update("UPDATE cw_staging SET status = 'COVERED' WHERE scoped_id = '4'");

		PendingIds.Page second = pending.page("111", 1, first.next(), 2, Long.MAX_VALUE);

		assertThat(second.ids()).extracting(p -> p.id().id()).containsExactly("3");
	}

	@Test
	void aPassCountsThePendingIdsOfEachOfItsScopes() {
		stage("111", "1", 1, 1, "PENDING");
		stage("111", "2", 2, 1, "PENDING");
		stage("222", "3", 3, 0, "PENDING");
		stage("333", "4", 4, 1, "PENDING");
		stage("444", "5", 5, 1, "RESOLVED");

		assertThat(pending.countsByScope(1)).containsExactly(
				java.util.Map.entry("111", new PendingIds.ScopeCount(IdType.PSID, 2)),
				java.util.Map.entry("333", new PendingIds.ScopeCount(IdType.PSID, 1)));
		assertThat(pending.countsByScope(0))
			.containsExactly(java.util.Map.entry("222", new PendingIds.ScopeCount(IdType.PSID, 1)));
		assertThat(pending.countsByScope(2)).isEmpty();
	}

	@Test
	void aSliceReadsTheIdsOfItsRangeOfLookupOrderOnly() {
		LookupPartition.Slice second = new LookupPartition.Slice(1, 2);
		stage("111", "1", 0, 1, "PENDING");
		stage("111", "2", second.fromOrder() - 1, 1, "PENDING");
		stage("111", "3", second.fromOrder(), 1, "PENDING");
		stage("111", "4", Long.MAX_VALUE, 1, "PENDING");

		List<String> first = readAll(new LookupPartition.Slice(0, 2));
		List<String> rest = readAll(second);

		assertThat(first).containsExactly("1", "2");
		assertThat(rest).containsExactly("3", "4");
		assertThat(readAll(LookupPartition.Slice.WHOLE)).containsExactly("1", "2", "3", "4");
	}

	private List<String> readAll(LookupPartition.Slice slice) {
		List<String> read = new ArrayList<>();
		PendingIds.Cursor cursor = PendingIds.Cursor.from(slice.fromOrder());
		while (true) {
			PendingIds.Page page = pending.page("111", 1, cursor, 1, slice.toOrder());
			if (page.ids().isEmpty()) {
				return read;
			}
			page.ids().forEach(p -> read.add(p.id().id()));
			cursor = page.next();
		}
	}

	private void stage(String scope, String id, long order, int pass, String status) {
		jdbc.update("INSERT INTO cw_staging (id_key, id_type, scope_id, scoped_id, first_position, lookup_order,"
				+ " occurrences, lookup_pass, status, instance_id) VALUES (?, 'psid', ?, ?, 1, ?, 1, ?, ?, 1)",
				"psid:" + scope + ":" + id, scope, id, order, pass, status);
	}
}
