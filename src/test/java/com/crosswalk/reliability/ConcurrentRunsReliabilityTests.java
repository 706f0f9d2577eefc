package com.crosswalk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

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
 * Two runs started at the same moment on the same database (a cron line and an operator, say): one runs, the other
 * refuses to start with a message saying why, and the run that goes ahead is not disturbed. On PostgreSQL the run
 * lock refuses; an H2 file database cannot even be opened by a second process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentRunsReliabilityTests {

	@TempDir
	static Path tmp;

	Population population;

	GraphEmulator emulator;

	@BeforeAll
	void setUp() {
		population = Population.generate(tmp.resolve("population"), 600, 3, 4, 47L);
		// slow answers and small groups keep the winner busy long after the loser has tried
		emulator = GraphEmulator.start(population.fixture(),
				EmulatorConfig.custom().latency(Duration.ofMillis(400)).build());
	}

	@AfterAll
	void tearDown() {
		emulator.close();
	}

	@Test
	void onPostgresTheRunLockRefusesTheSecondRun() throws Exception {
		TestDatabase database = TestDatabase.postgres();
		String loserMessage = startTwoAtOnce("postgres", database, ExitCode.FAILED);
		assertThat(loserMessage).contains("Another Crosswalk run", "is using this database");
	}

	@Test
	void onH2TheSecondProcessCannotOpenTheDatabase() throws Exception {
		TestDatabase database = TestDatabase.h2(tmp.resolve("h2"));
		String loserMessage = startTwoAtOnce("h2", database, ExitCode.BAD_CONFIGURATION);
		assertThat(loserMessage).contains("is another run using it?");
	}

	/** Returns the refused run's message. */
	private String startTwoAtOnce(String name, TestDatabase database, int refusedExit) throws Exception {
		Path out = tmp.resolve(name + "-out");
		String[] command = CommandRun.concat(new String[] { "reconcile", "--input", population.input().toString(),
				"--graph-url", emulator.baseUrl(), "--business-file", population.businessFile().toString(), "--out",
				out.toString(), "--crosswalk.lookup.group-size=100" }, database.options());
		JobProcess first = JobProcess.start(tmp.resolve(name + "-logs"), "a", command);
		JobProcess second = JobProcess.start(tmp.resolve(name + "-logs"), "b", command);
		int a = first.awaitExit(Duration.ofMinutes(3));
		int b = second.awaitExit(Duration.ofMinutes(3));

		List<Integer> exits = List.of(a, b);
		assertThat(exits).as("one ran, one was refused: %s\n%s", first, second)
			.containsExactlyInAnyOrder(ExitCode.DONE_WITH_BLOCKED, refusedExit);
		JobProcess loser = a == refusedExit ? first : second;
		HostileInputReliabilityTests.assertNoStackTrace(new CommandRun(loser == first ? a : b, loser.out(), loser.err()));

		JsonNode summary = JsonMapper.builder().build().readTree(out.resolve("run-summary.json").toFile());
		assertThat(summary.get("adds_up").asBoolean()).as(summary.toString()).isTrue();
		assertThat(summary.get("ids_unavailable").asLong()).isZero();
		assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM cw_run", Long.class))
			.as("runs recorded").isEqualTo(1);
		assertThat(database.jdbc().queryForObject(
				"SELECT COUNT(*) FROM cw_staging WHERE status IN ('NEW', 'PENDING', 'UNAVAILABLE')", Long.class))
			.as("IDs left without an outcome").isZero();
		Figures.record("concurrency." + name + ".refusedWith", refusedExit);
		return loser.err();
	}
}
