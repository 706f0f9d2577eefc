package com.crosswalk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.cli.ExitCode;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.JobProcess;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server crash in the middle of the lookups. The staging table is unlogged (migration V5), so the
 * server's crash recovery empties it: the cut-off run cannot resume. {@code resume} must say so and exit 2, and the
 * same {@code reconcile} command must start a new run that ends with the result of an uninterrupted run.
 * <p>
 * The crash is real: a server process killed with SIGKILL makes the postmaster stop every other one and recover the
 * database from its write-ahead log, as after a power cut. The test runs its own server so that no other test's
 * connections die with it.
 */
class StagingLossReliabilityTests {

	@TempDir
	Path tmp;

	@Test
	void aServerCrashThatEmptiesStagingStartsANewRunWithTheUninterruptedResult() throws Exception {
		Population population = Population.generate(tmp.resolve("population"), 3_000, 3, 4, 13L);
		try (EmbeddedPostgres server = EmbeddedPostgres.builder().start();
				GraphEmulator emulator = GraphEmulator.start(population.fixture(),
						EmulatorConfig.custom().latency(Duration.ofMillis(20)).build())) {
			TestDatabase referenceDb = database(server, "reference");
			TestDatabase crashedDb = database(server, "crashed");
			CommandRun reference = CommandRun.of(command(population, emulator, referenceDb, tmp.resolve("ref-out")));
			assertThat(reference.exitCode()).as(reference.toString()).isEqualTo(ExitCode.DONE_WITH_BLOCKED);
			RunOutputs expected = RunOutputs.read(referenceDb.jdbc(), tmp.resolve("ref-out"));

			// small batches, few in flight: the lookups last long enough to crash the server in their middle
			Path out = tmp.resolve("out");
			String[] command = command(population, emulator, crashedDb, out);
			JobProcess cutOff = JobProcess.start(tmp.resolve("logs"), "cut-off", command);
			JdbcTemplate jdbc = crashedDb.jdbc();
			boolean midLookup = cutOff.awaitWhileAlive(() -> resolved(jdbc) >= 300, Duration.ofMinutes(2));
			assertThat(midLookup).as("the run reached its lookups: %s", cutOff).isTrue();
			crash(server);
			int cutOffExit = cutOff.awaitExit(Duration.ofMinutes(2));
			assertThat(cutOffExit).as("the run the crash cut off: %s", cutOff).isEqualTo(ExitCode.FAILED);
			awaitServer(jdbc);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_staging", Long.class))
				.as("the crash recovery emptied the unlogged staging table").isZero();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_identity", Long.class))
				.as("what the cut-off run had learnt survived").isPositive();

			CommandRun status = CommandRun.of(CommandRun.concat(new String[] { "status" }, crashedDb.options()));
			assertThat(status.out()).as(status.toString()).contains("cannot resume: the database lost its staged input")
				.contains("The same reconcile command starts a new run");

			String[] resumeCommand = command.clone();
			resumeCommand[0] = "resume";
			CommandRun resume = afterStaleLock(resumeCommand);
			assertThat(resume.exitCode()).as("%s\n--- after the cut-off run: %s\n%s", resume, cutOff, cutOff.err())
				.isEqualTo(ExitCode.BAD_CONFIGURATION);
			assertThat(resume.err()).contains("run 1 cannot resume: the database lost its staged input")
				.contains("Run `reconcile` with the same input");

			CommandRun rerun = CommandRun.of(command);
			assertThat(rerun.exitCode()).as(rerun.toString()).isEqualTo(ExitCode.DONE_WITH_BLOCKED);
			assertThat(rerun.out()).as("a new run, not a resumed one").contains("Crosswalk run 2");
			RunOutputs survived = RunOutputs.read(jdbc, out);
			assertThat(survived.personKeyById()).as("identity table").isEqualTo(expected.personKeyById());
			assertThat(survived.reports()).as("reports").isEqualTo(expected.reports());
			// the rejects of each run are kept: the cut-off run's are still there beside the new run's
			Map<String, Long> rows = new TreeMap<>(survived.tableRows());
			rows.put("cw_reject", jdbc.queryForObject(
					"SELECT COUNT(*) FROM cw_reject WHERE instance_id = (SELECT MAX(instance_id) FROM cw_reject)", Long.class));
			assertThat(rows).as("rows per table").isEqualTo(expected.tableRows());
			assertThat(survived.counts()).as("run summary counts").isEqualTo(expected.counts());
		}
	}

	private static String[] command(Population population, GraphEmulator emulator, TestDatabase database, Path out) {
		return CommandRun.concat(new String[] { "reconcile", "--input", population.input().toString(), "--graph-url",
				emulator.baseUrl(), "--business-file", population.businessFile().toString(), "--out", out.toString(),
				"--crosswalk.graph.batch-size=10", "--crosswalk.graph.max-in-flight=2",
				"--crosswalk.lookup.group-size=200",
				// the cut-off run cannot release its run lock: the next start takes it over after this
				"--crosswalk.run-lock.stale-after=2s" }, database.options());
	}

	/** The cut-off run's lock row stays behind; a start within stale-after of its last heartbeat is turned away. */
	private static CommandRun afterStaleLock(String[] command) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			CommandRun run = CommandRun.of(command);
			if (!run.err().contains("Another Crosswalk run") || System.nanoTime() > deadline) {
				return run;
			}
			Thread.sleep(500);
		}
	}

	private static TestDatabase database(EmbeddedPostgres server, String name) throws Exception {
		try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
			s.execute("CREATE DATABASE " + name);
		}
		return new TestDatabase(server.getJdbcUrl("postgres", name), "postgres", "postgres");
	}

	private static long resolved(JdbcTemplate jdbc) {
		try {
			Long count = jdbc.queryForObject("SELECT COUNT(*) FROM cw_staging WHERE status = 'RESOLVED'", Long.class);
			return count == null ? 0 : count;
		}
		catch (org.springframework.dao.DataAccessException notYetCreated) {
			return 0;
		}
	}

	/** SIGKILL to one server process: the postmaster takes that for a crash and recovers the whole server. */
	private static void crash(EmbeddedPostgres server) throws Exception {
		long pid;
		try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
				var rs = s.executeQuery("SELECT pg_backend_pid()")) {
			rs.next();
			pid = rs.getLong(1);
			ProcessHandle backend = ProcessHandle.of(pid).orElseThrow();
			assertThat(backend.destroyForcibly()).as("SIGKILL sent to server process %d", pid).isTrue();
			backend.onExit().get(30, TimeUnit.SECONDS);
		}
		catch (java.sql.SQLException connectionDied) {
			// the connection whose server process was killed goes with it
		}
	}

	private static void awaitServer(JdbcTemplate jdbc) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (true) {
			try {
				jdbc.queryForObject("SELECT 1", Integer.class);
				return;
			}
			catch (org.springframework.dao.DataAccessException recovering) {
				if (System.nanoTime() > deadline) {
					throw recovering;
				}
				Thread.sleep(200);
			}
		}
	}
}
