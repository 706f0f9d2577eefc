package com.crosswalk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.cli.ExitCode;
import com.crosswalk.emulator.CallOutcome;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.JobProcess;
import com.crosswalk.support.TestDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lookup's partitions on worker JVMs (remote partitioning over the embedded Artemis broker, embedded PostgreSQL):
 * a run with two workers ends with the tables of a run in one JVM; a worker killed with SIGKILL in the middle of a
 * partition fails that partition and the run, a manager killed so stops its workers, and the same command resumes
 * each time; the tables are still those of the one-JVM run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkersReliabilityTests {

	static final int PERSONS = 6_000;

	static final int GROUP_SIZE = 800;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path tmp;

	UninterruptedRun reference;

	GraphEmulator emulator;

	@BeforeAll
	void runInOneJvm() {
		// each request answered after 20 ms: a partition lasts long enough to be killed in the middle
		reference = UninterruptedRun.of(tmp.resolve("one-jvm"), PERSONS, 17L,
				EmulatorConfig.custom().latency(Duration.ofMillis(20)).build(), GROUP_SIZE);
		emulator = reference.emulator();
	}

	@AfterAll
	void stopEmulator() {
		if (reference != null) {
			reference.close();
		}
	}

	@Test
	void twoWorkersEndWithTheTablesOfOneJvm() throws Exception {
		TestDatabase database = TestDatabase.postgres();
		Path out = tmp.resolve("two-workers-out");
		emulator.resetCounters();
		CommandRun run = CommandRun.of(CommandRun.concat(jobArguments(out), database.options(),
				new String[] { "--workers", "2", "--crosswalk.workers.broker-port=" + freePort() }));
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.DONE_WITH_BLOCKED);

		assertSameTables(database, out);
		JsonNode summary = JSON.readTree(out.resolve("run-summary.json").toFile());
		assertThat(summary.get("graph_calls").asLong())
			.as("the summary's Graph calls: the manager's start-up check and the workers' lookups")
			.isEqualTo(emulator.counters().calls());
		assertThat(summary.get("blocked_scopes").asInt()).as("scopes met under review, each counted once")
			.isEqualTo(reference.summary().get("blocked_scopes").asInt());
		// the scopes were sliced over both workers, and each was opened once (pass 0) before its slices ran
		Map<String, Map<CallOutcome, Long>> byScope = emulator.counters().snapshot().byScope();
		assertThat(byScope.values()).as("review answers per scope, whichever worker asked")
			.allSatisfy(outcomes -> assertThat(outcomes.getOrDefault(CallOutcome.BLOCKED_REVIEW, 0L)).isLessThanOrEqualTo(1));
		assertThat(byScope.values().stream().mapToLong(o -> o.getOrDefault(CallOutcome.BLOCKED_REVIEW, 0L)).sum())
			.as("scopes met under review").isEqualTo(reference.summary().get("blocked_scopes").asLong());
		Set<String> workers = partitionWorkers(database.jdbc());
		assertThat(workers).as("processes that ran the lookup's partitions").hasSize(2)
			.doesNotContain(ProcessHandle.current().pid() + "@" + host());
		CommandRun status = CommandRun.of(CommandRun.concat(new String[] { "status" }, database.options()));
		assertThat(status.out()).as("status names the worker of each partition").contains(workers);
		assertThat(status.out()).as("status shows the slices of scopes").contains("(slice 1 of ");
	}

	@Test
	void aKilledWorkerFailsItsPartitionsAndAKilledManagerItsWorkersAndTheSameCommandResumesBoth() throws Exception {
		TestDatabase database = TestDatabase.postgres();
		JdbcTemplate jdbc = database.jdbc();
		Path out = tmp.resolve("killed-worker-out");
		String[] command = CommandRun.concat(jobArguments(out), database.options(), new String[] { "--workers", "2",
				"--crosswalk.workers.broker-port=" + freePort(), "--crosswalk.workers.stall-after=3s",
				"--crosswalk.run-lock.stale-after=2s" });
		emulator.resetCounters();
		JobProcess manager = JobProcess.start(tmp.resolve("killed-worker-logs"), "manager", command);
		// both workers are in the first pass's partitions, and answers are being recorded
		boolean midLookup = manager.awaitWhileAlive(() -> runningPartitionWorkers(jdbc).size() == 2
				&& count(jdbc, "SELECT COUNT(*) FROM cw_staging WHERE status = 'RESOLVED'") >= 1_000,
				Duration.ofMinutes(3));
		assertThat(midLookup).as("the lookup reached both workers: %s", manager).isTrue();
		String victim = runningPartitionWorkers(jdbc).iterator().next();
		ProcessHandle worker = ProcessHandle.of(pid(victim)).orElseThrow();
		worker.destroyForcibly();
		worker.onExit().get();

		int exit = manager.awaitExit(Duration.ofMinutes(3));
		assertThat(exit).as(manager.toString()).isEqualTo(ExitCode.FAILED);
		assertThat(manager.err()).contains("the worker " + victim + " that ran it stopped answering")
			.contains("Run the same command again");
		assertThat(count(jdbc, "SELECT COUNT(*) FROM cw_staging WHERE status = 'PENDING'")).as("IDs left pending")
			.isPositive();

		// the same command resumes; this time its manager is killed in the middle of the lookup
		long resolvedBefore = count(jdbc, "SELECT COUNT(*) FROM cw_staging WHERE status = 'RESOLVED'");
		JobProcess again = JobProcess.start(tmp.resolve("killed-worker-logs"), "again", command);
		boolean resumedLookup = again.awaitWhileAlive(() -> !runningPartitionWorkers(jdbc).isEmpty()
				&& count(jdbc, "SELECT COUNT(*) FROM cw_staging WHERE status = 'RESOLVED'") >= resolvedBefore + 300,
				Duration.ofMinutes(3));
		assertThat(resumedLookup).as("the resumed run's workers record answers: %s", again).isTrue();
		Set<String> orphans = runningPartitionWorkers(jdbc);
		again.kill();
		for (String orphan : orphans) {
			ProcessHandle.of(pid(orphan)).ifPresent(process -> assertThat(process.onExit())
				.as("worker %s stops when its manager is gone", orphan)
				.succeedsWithin(Duration.ofSeconds(30)));
		}

		JobProcess last = JobProcess.start(tmp.resolve("killed-worker-logs"), "last", command);
		assertThat(last.awaitExit(Duration.ofMinutes(3))).as(last.toString()).isEqualTo(ExitCode.DONE_WITH_BLOCKED);
		assertThat(last.out() + last.err()).contains("Resuming run 1");
		assertSameTables(database, out);
		// what each killed process had read and not recorded (at most the lookup window) is looked up again, and each
		// start checks the credentials
		long calls = emulator.counters().calls();
		assertThat(calls).as("Graph calls over three starts, a killed worker and a killed manager (uninterrupted: %d"
				+ " lookups)", reference.lookupCalls())
			.isLessThanOrEqualTo(reference.lookupCalls() + 2 * GROUP_SIZE + 3 * reference.preflightCalls());
		Figures.record("workers.repeatedCalls", calls - reference.lookupCalls() - 3 * reference.preflightCalls());
	}

	private static long pid(String worker) {
		return Long.parseLong(worker.substring(0, worker.indexOf('@')));
	}

	private void assertSameTables(TestDatabase database, Path out) {
		RunOutputs outputs = RunOutputs.read(database.jdbc(), out);
		RunOutputs expected = reference.outputs();
		assertThat(outputs.tableRows()).as("rows per table").isEqualTo(expected.tableRows());
		assertThat(outputs.counts()).as("run summary counts").isEqualTo(expected.counts());
		assertThat(outputs.personKeyById()).as("identity table").isEqualTo(expected.personKeyById());
		assertThat(outputs.reports()).as("reports").isEqualTo(expected.reports());
	}

	private String[] jobArguments(Path out) {
		return reference.jobArguments(out);
	}

	/** The processes that ran (or run) the last execution's lookup partitions, from the partitions' contexts. */
	private static Set<String> partitionWorkers(JdbcTemplate jdbc) {
		return workers(jdbc, "");
	}

	private static Set<String> runningPartitionWorkers(JdbcTemplate jdbc) {
		return workers(jdbc, " AND se.STATUS = 'STARTED' AND se.STEP_NAME LIKE 'lookupWorkerStep:pass1-%'");
	}

	private static Set<String> workers(JdbcTemplate jdbc, String condition) {
		Set<String> workers = new TreeSet<>();
		try {
			List<String> contexts = jdbc.queryForList("SELECT c.SHORT_CONTEXT FROM BATCH_STEP_EXECUTION se"
					+ " JOIN BATCH_STEP_EXECUTION_CONTEXT c ON c.STEP_EXECUTION_ID = se.STEP_EXECUTION_ID"
					+ " WHERE se.STEP_NAME LIKE 'lookupWorkerStep:%'" + condition, String.class);
			for (String context : contexts) {
				Object worker = context(context).get("crosswalk.lookup.worker");
				if (worker != null) {
					workers.add(worker.toString());
				}
			}
		}
		catch (org.springframework.dao.DataAccessException notYetCreated) {
			// the job's schema is not there yet
		}
		return workers;
	}

	/** A step's context as Spring Batch's default serializer stores it: a Java-serialised map, in Base64. */
	private static Map<?, ?> context(String stored) {
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(stored)))) {
			return (Map<?, ?>) in.readObject();
		}
		catch (IOException | ClassNotFoundException ex) {
			throw new IllegalStateException("unreadable step context", ex);
		}
	}

	private static long count(JdbcTemplate jdbc, String sql) {
		try {
			Long n = jdbc.queryForObject(sql, Long.class);
			return n == null ? 0 : n;
		}
		catch (org.springframework.dao.DataAccessException notYetCreated) {
			return 0;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String host() {
		String name = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
		return name.substring(name.indexOf('@') + 1);
	}
}
