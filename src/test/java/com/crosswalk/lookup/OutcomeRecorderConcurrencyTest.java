package com.crosswalk.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.crosswalk.graph.LookupOutcome;
import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;
import com.crosswalk.sql.Database;
import com.crosswalk.sql.SideTransactions;
import com.crosswalk.sql.UpsertWriter;
import com.crosswalk.support.TestDatabase;

/**
 * Partitions record at once, their answers naming the same new identities: on PostgreSQL their identity and link
 * writes run side by side, and none may fail on a key another inserted meanwhile or deadlock on another's rows.
 */
class OutcomeRecorderConcurrencyTest {

	static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

	static final int SCOPES = 4;

	static final int PERSONS = 300;

	static final int PAGE = 25;

	@TempDir
	static Path dir;

	static Stream<TestDatabase> databases() {
		return TestDatabase.both(dir);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void partitionsWhoseAnswersNameTheSameNewIdentitiesRecordAtOnce(TestDatabase database) throws Exception {
		DataSource dataSource = database.migrated().dataSource();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		DataSourceTransactionManager tm = new DataSourceTransactionManager(dataSource);
		Database kind = database.isPostgres() ? Database.POSTGRESQL : Database.H2;
		try (SideTransactions sides = new SideTransactions(tm)) {
			OutcomeRecorder recorder = new OutcomeRecorder(jdbc, new UpsertWriter(jdbc, kind),
					new TransactionTemplate(tm), sides, key -> false,
					new BlockedScopes(jdbc, Clock.systemUTC(), Duration.ofHours(48)), Duration.ofHours(48),
					RecordingLock.inProcess());
			jdbc.batchUpdate("INSERT INTO cw_staging (id_key, id_type, scope_id, scoped_id, first_position,"
					+ " lookup_order, occurrences, lookup_pass, status, instance_id)"
					+ " VALUES (?, 'psid', ?, ?, 1, ?, 1, 1, 'PENDING', 1)",
					IntStream.range(0, SCOPES)
						.boxed()
						.flatMap(scope -> IntStream.range(0, PERSONS).mapToObj(person -> id(scope, person)))
						.map(id -> new Object[] { id.toString(), id.scopeId(), id.id(), Long.parseLong(id.id()) })
						.toList());
			ExecutorService partitions = Executors.newFixedThreadPool(SCOPES);
			CyclicBarrier together = new CyclicBarrier(SCOPES);
			List<Future<Long>> moved = new ArrayList<>();
			try {
				for (int scope = 0; scope < SCOPES; scope++) {
					int own = scope;
					moved.add(partitions.submit(() -> recordScope(recorder, together, own)));
				}
				long total = 0;
				for (Future<Long> partition : moved) {
					total += partition.get();
				}
				assertThat(total).as("each staged ID moved once").isEqualTo((long) SCOPES * PERSONS);
			}
			finally {
				partitions.shutdownNow();
			}
		}
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_identity", Long.class))
			.isEqualTo((long) SCOPES * PERSONS);
		assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT person_key) FROM cw_identity", Long.class))
			.as("one provisional key a person, whichever answer inserted it").isEqualTo(PERSONS);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_link", Long.class))
			.as("each scope's answers link their input to the person's other IDs")
			.isEqualTo((long) SCOPES * PERSONS * (SCOPES - 1));
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_staging WHERE status = 'PENDING'", Long.class))
			.isZero();
	}

	/** One partition: its scope's IDs a page at a time, every answer naming the person's IDs in all scopes. */
	private static long recordScope(OutcomeRecorder recorder, CyclicBarrier together, int scope) throws Exception {
		together.await();
		long moved = 0;
		for (int from = 0; from < PERSONS; from += PAGE) {
			List<PendingId> ids = new ArrayList<>();
			List<LookupOutcome> outcomes = new ArrayList<>();
			for (int person = from; person < from + PAGE; person++) {
				ScopedId input = id(scope, person);
				int p = person;
				ids.add(new PendingId(input, null, 1));
				outcomes.add(new LookupOutcome.Resolved(input,
						IntStream.range(0, SCOPES).mapToObj(s -> id(s, p)).toList(), Map.of(), "batch#" + input, NOW));
			}
			moved += recorder.record(1, List.of(new AnsweredPage(ids, outcomes)));
		}
		return moved;
	}

	private static ScopedId id(int scope, int person) {
		return new ScopedId(IdType.PSID, String.valueOf(100 + scope), String.valueOf(10_000 + person));
	}
}
