package com.crosswalk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;

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
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run whose run lock another process took over (its heartbeat stalled past crosswalk.run-lock.stale-after) stops
 * before its next write, with exit code 1 and one line saying what happened; it leaves the new owner's lock alone,
 * and once the other run is gone the same command resumes it to a result that adds up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LockLossReliabilityTests {

	private static final int GROUP_SIZE = 20;

	private static final int IN_FLIGHT = 2;

	private static final String LOOKED_UP = "SELECT COUNT(*) FROM cw_staging WHERE status NOT IN ('NEW', 'PENDING')";

	/**
	 * The lookup's iterations that committed, in all the partitions of its passes: each records the pages its
	 * partition's lanes answered since the one before.
	 */
	private static final String LOOKUP_COMMITS = "SELECT COALESCE(SUM(COMMIT_COUNT), 0) FROM BATCH_STEP_EXECUTION"
			+ " WHERE STEP_NAME LIKE 'lookupWorkerStep:%'";

	/** Partitions that had started and not ended at a moment (Spring Batch writes its times from the job's clock). */
	private static final String PARTITIONS_RUNNING_AT = "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION"
			+ " WHERE STEP_NAME LIKE 'lookupWorkerStep:%' AND START_TIME <= ? AND (END_TIME IS NULL OR END_TIME >= ?)";

	@TempDir
	static Path tmp;

	Population population;

	GraphEmulator emulator;

	@BeforeAll
	void setUp() {
		population = Population.generate(tmp.resolve("population"), 200, 3, 4, 53L);
		// slow answers and small groups: the lookup takes long enough to be taken over in the middle
		emulator = GraphEmulator.start(population.fixture(),
				EmulatorConfig.custom().latency(Duration.ofMillis(100)).build());
	}

	@AfterAll
	void tearDown() {
		emulator.close();
	}

	@Test
	void aRunWhoseLockWasTakenOverStopsBeforeItsNextWriteAndResumesLater() throws Exception {
		TestDatabase database = TestDatabase.postgres();
		JdbcTemplate jdbc = database.jdbc();
		Path out = tmp.resolve("out");
		String[] command = CommandRun.concat(new String[] { "reconcile", "--input", population.input().toString(),
				"--graph-url", emulator.baseUrl(), "--business-file", population.businessFile().toString(), "--out",
				out.toString(), "--crosswalk.lookup.group-size=" + GROUP_SIZE,
				"--crosswalk.graph.max-in-flight=" + IN_FLIGHT }, database.options());
		JobProcess run = JobProcess.start(tmp.resolve("logs"), "stalled", command);
		assertThat(run.awaitWhileAlive(() -> count(jdbc, LOOKED_UP) > 0, Duration.ofMinutes(2)))
			.as("the lookup started: %s", run).isTrue();

		// what a second process does when this run's heartbeat has been stale for longer than stale-after
		LocalDateTime takeover = LocalDateTime.now();
		jdbc.update("UPDATE cw_run_lock SET owner = 'newcomer', heartbeat_at = CURRENT_TIMESTAMP");
		long commitsAtTakeover = count(jdbc, LOOKUP_COMMITS);
		int exit = run.awaitExit(Duration.ofMinutes(2));
		// read after the run: a partition whose last iteration passed its check just before the takeover may have
		// ended since
		Long partitionsRunning = jdbc.queryForObject(PARTITIONS_RUNNING_AT, Long.class, takeover, takeover);

		assertThat(exit).as(run.toString()).isEqualTo(ExitCode.FAILED);
		HostileInputReliabilityTests.assertNoStackTrace(new CommandRun(exit, run.out(), run.err()));
		assertThat(run.err().lines().filter(l -> !l.isBlank()).toList()).as(run.toString()).singleElement()
			.asString()
			.startsWith("crosswalk: this run stopped: another process (newcomer) took over the run lock")
			.contains("crosswalk.run-lock.stale-after", "run the same command again to resume");
		long commitsAfter = count(jdbc, LOOKUP_COMMITS) - commitsAtTakeover;
		// in each partition, the iteration whose check passed just before the takeover may still commit; none after it
		assertThat(partitionsRunning).as("lookup partitions running at the takeover").isPositive();
		assertThat(commitsAfter).as("lookup iterations committed after the takeover")
			.isLessThanOrEqualTo(partitionsRunning);
		assertThat(count(jdbc, "SELECT COUNT(*) FROM cw_staging WHERE status = 'PENDING'"))
			.as("the run stopped with lookups left").isPositive();
		assertThat(jdbc.queryForObject("SELECT owner FROM cw_run_lock", String.class))
			.as("the loser leaves the new owner's lock").isEqualTo("newcomer");
		assertThat(out.resolve("run-summary.json")).as("no outputs beside the new owner's").doesNotExist();
		assertThat(Files.readString(out.resolve("crosswalk.log"))).contains("lost the run lock to newcomer");

		// the other run has finished (its lock released): the advice, the same command, resumes this one
		jdbc.update("DELETE FROM cw_run_lock");
		CommandRun again = CommandRun.of(command);
		assertThat(again.exitCode()).as(again.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		JsonNode summary = JsonMapper.builder().build().readTree(out.resolve("run-summary.json").toFile());
		assertThat(summary.get("adds_up").asBoolean()).as(summary.toString()).isTrue();
		assertThat(summary.get("ids_not_looked_up").asLong()).isZero();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE", Long.class))
			.as("resumed, not started anew").isEqualTo(1);
		Figures.record("lockLoss.iterationsCommittedAfterTakeover", commitsAfter);
	}

	private static long count(JdbcTemplate jdbc, String sql) {
		try {
			Long n = jdbc.queryForObject(sql, Long.class);
			return n == null ? 0 : n;
		}
		catch (org.springframework.jdbc.BadSqlGrammarException notYetMigrated) {
			return 0;
		}
	}
}
