package com.crosswalk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.cli.ExitCode;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.JobProcess;
import com.crosswalk.support.TestDatabase;

/**
 * kill -9 at the worst moments: the job runs as a real separate process on 53,000 IDs, is killed during import,
 * in the middle of the lookups and during the merge, and is started again with the same command each time until it
 * completes. The result must equal that of an uninterrupted run, row for row, and the lookups committed before each
 * kill must not be made again.
 * <p>
 * The bound on repeated Graph calls: every start checks each token and app once (the credential preflight), and a kill
 * loses at most the one lookup group in flight ({@value #GROUP_SIZE} IDs), whose answers were not committed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRestartReliabilityTests {

	static final int PERSONS = 30_000;

	static final int GROUP_SIZE = 800;

	@TempDir
	static Path tmp;

	UninterruptedRun uninterrupted;

	GraphEmulator emulator;

	long preflightCalls;

	RunOutputs reference;

	long referenceLookupCalls;

	@BeforeAll
	void uninterruptedReferenceRun() {
		uninterrupted = UninterruptedRun.of(tmp, PERSONS, 11L, EmulatorConfig.custom().build(), GROUP_SIZE);
		emulator = uninterrupted.emulator();
		preflightCalls = uninterrupted.preflightCalls();
		reference = uninterrupted.outputs();
		referenceLookupCalls = uninterrupted.lookupCalls();
		assertThat(reference.counts().get("distinct_ids")).as("IDs in the population").isGreaterThanOrEqualTo(50_000);
		assertThat(reference.counts().get("ids_unavailable")).isZero();
		Figures.record("crash.ids", reference.counts().get("distinct_ids"));
		Figures.record("crash.rows", reference.counts().get("rows_read"));
	}

	@AfterAll
	void stopEmulator() {
		if (uninterrupted != null) {
			uninterrupted.close();
		}
	}

	@Test
	void h2SurvivesKillsDuringImportLookupAndMerge() throws Exception {
		survivesKills("h2", TestDatabase.h2(tmp.resolve("h2-db")));
	}

	@Test
	void postgresSurvivesKillsDuringImportLookupAndMerge() throws Exception {
		survivesKills("postgres", TestDatabase.postgres());
	}

	private void survivesKills(String name, TestDatabase database) throws Exception {
		emulator.resetCounters();
		Path out = tmp.resolve(name + "-out");
		String[] command = CommandRun.concat(jobArguments(out), database.options(), new String[] {
				// a killed run's lock is taken over after this, not after the default 20 s
				"--crosswalk.run-lock.stale-after=2s",
				// "Executing step: [name]" lines mark the step boundaries
				"--logging.level.org.springframework.batch.core.step.AbstractStep=INFO",
				// on H2 the first progress line is the kill signal: a second into the step, not five, so a fast
				// import cannot finish between the line and the kill
				"--crosswalk.progress-every=1s" });
		List<String> killedIn = new ArrayList<>();
		int starts = 0;
		for (KillPoint point : KillPoint.values()) {
			JobProcess child = JobProcess.start(tmp.resolve(name + "-logs"), "start-" + (++starts), command);
			boolean reached;
			try {
				reached = child.awaitWhileAlive(() -> point.reached(child, database), Duration.ofMinutes(4));
			}
			catch (IllegalStateException stuck) {
				throw new AssertionError(stuck.getMessage() + "\n--- database sessions\n" + sessions(database), stuck);
			}
			assertThat(reached).as("the run reached %s before it ended: %s", point, child).isTrue();
			child.kill();
			String step = unfinishedStep(database.jdbc());
			assertThat(step).as("step left unfinished by the kill at %s", point).isEqualTo(point.step);
			killedIn.add(step);
			Figures.record("crash." + name + ".stagedRowsAtKill." + point, database.jdbc()
				.queryForObject("SELECT COUNT(*) FROM cw_staging", Long.class));
		}
		JobProcess last = JobProcess.start(tmp.resolve(name + "-logs"), "start-" + (++starts), command);
		int exit = last.awaitExit(Duration.ofMinutes(5));
		assertThat(exit).as(last + "\n--- causes in crosswalk.log\n" + causes(out.resolve("crosswalk.log")))
			.isEqualTo(ExitCode.DONE_WITH_BLOCKED);
		assertThat(last.out() + last.err()).as("the last start resumed the killed run").contains("Resuming run 1");

		RunOutputs survived = RunOutputs.read(database.jdbc(), out);
		assertThat(survived.tableRows()).as("rows per table: none lost, none duplicated").isEqualTo(reference.tableRows());
		assertThat(survived.counts()).as("run summary counts").isEqualTo(reference.counts());
		assertThat(survived.personKeyById()).as("identity table").isEqualTo(reference.personKeyById());
		assertThat(survived.reports()).as("reports").isEqualTo(reference.reports());
		assertThat(database.jdbc().queryForObject(
				"SELECT COUNT(*) FROM cw_staging WHERE status IN ('NEW', 'PENDING', 'UNAVAILABLE')", Long.class))
			.as("IDs left without an outcome").isZero();

		long calls = emulator.counters().calls();
		long kills = killedIn.size();
		long bound = referenceLookupCalls + kills * GROUP_SIZE + starts * preflightCalls;
		assertThat(calls).as("Graph calls over %d starts and %d kills (uninterrupted: %d lookups)", starts, kills,
				referenceLookupCalls).isLessThanOrEqualTo(bound);
		Figures.record("crash." + name + ".kills", kills);
		Figures.record("crash." + name + ".starts", starts);
		Figures.record("crash." + name + ".calls", calls);
		Figures.record("crash." + name + ".repeatedCalls", calls - referenceLookupCalls - starts * preflightCalls);
		Figures.record("crash.referenceLookupCalls", referenceLookupCalls);
		Figures.record("crash.bound." + name, bound);
	}

	private String[] jobArguments(Path out) {
		return uninterrupted.jobArguments(out);
	}

	/**
	 * The step a killed process was in: the job repository's newest step execution, not COMPLETED. The partitions of
	 * a partitioned step are step executions of their own (step:partition); the kill's step is the one they belong to.
	 */
	private static String unfinishedStep(JdbcTemplate jdbc) {
		List<String> steps = jdbc.queryForList("SELECT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE STEP_EXECUTION_ID ="
				+ " (SELECT MAX(STEP_EXECUTION_ID) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME NOT LIKE '%:%')"
				+ " AND STATUS <> 'COMPLETED'", String.class);
		return steps.isEmpty() ? null : steps.get(0);
	}

	/**
	 * The exceptions behind the resumed run's failure, which its console names in one line: the H2 lock timeout this
	 * test met now and then (docs/reliability.md) may be H2's own report of an index that lost a row.
	 */
	private static String causes(Path log) {
		try {
			return Files.exists(log) ? Files.readAllLines(log)
				.stream()
				.filter(line -> line.startsWith("Caused by:") || line.contains(" ERROR "))
				.distinct()
				.limit(40)
				.collect(Collectors.joining("\n")) : "(no log)";
		}
		catch (IOException | UncheckedIOException e) {
			return "(unreadable: " + e + ")";
		}
	}

	/** What each session of the database is doing, for a run that stopped making progress. */
	private static String sessions(TestDatabase database) {
		if (!database.isPostgres()) {
			return "(H2)";
		}
		return database.jdbc().queryForList("SELECT pid, state, wait_event_type, wait_event, now() - query_start AS took,"
				+ " left(query, 300) AS query FROM pg_stat_activity WHERE datname = current_database()").toString();
	}

	/**
	 * Where to kill. On PostgreSQL the test watches the job's tables; an H2 file database is locked by the job's
	 * process, so there the test reads the job's log instead (a progress line every second of a step).
	 */
	enum KillPoint {

		// the first 5,000-row chunk committed: the kill comes early in an import that takes about a second
		DURING_IMPORT("importStep", "ProgressListener - import", "SELECT COUNT(*) FROM cw_staging", 4_000),
		MID_LOOKUP("lookupStep", "ProgressListener - lookup [",
				"SELECT COUNT(*) FROM cw_staging WHERE status = 'RESOLVED'", 10_000),
		DURING_MERGE("mergeStep", "Executing step: [mergeStep]",
				"SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'mergeStep' AND STATUS = 'STARTED'", 1);

		final String step;

		private final String logLine;

		private final String countQuery;

		private final long threshold;

		KillPoint(String step, String logLine, String countQuery, long threshold) {
			this.step = step;
			this.logLine = logLine;
			this.countQuery = countQuery;
			this.threshold = threshold;
		}

		/** Each start writes its own log; the conditions are milestones the earlier starts did not reach. */
		boolean reached(JobProcess child, TestDatabase database) {
			if (!database.isPostgres()) {
				return (child.out() + child.err()).contains(logLine);
			}
			try {
				Long count = database.jdbc().queryForObject(countQuery, Long.class);
				return count != null && count >= threshold;
			}
			catch (org.springframework.dao.DataAccessException notYetCreated) {
				return false;
			}
		}
	}
}
