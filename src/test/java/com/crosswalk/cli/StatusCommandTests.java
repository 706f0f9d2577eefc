package com.crosswalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

/** {@code status} and {@code resume} end to end against the emulator. */
class StatusCommandTests {

	@TempDir
	Path tmp;

	Population population;

	GraphEmulator emulator;

	TestDatabase database;

	@BeforeEach
	void setUp() {
		population = Population.generate(tmp.resolve("population"), 120, 2, 2, 3L);
		emulator = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().build());
		database = TestDatabase.h2(tmp.resolve("db"));
	}

	@AfterEach
	void stop() {
		emulator.close();
	}

	@Test
	void noRunsYet() {
		CommandRun status = status();

		assertThat(status.exitCode()).as(status.toString()).isEqualTo(ExitCode.OK);
		assertThat(status.out()).contains("No runs yet.");
	}

	@Test
	void listsRunsAndResumesAFailedOne() {
		CommandRun run = reconcile();
		assertThat(run.exitCode()).as(run.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);

		CommandRun completed = status();

		assertThat(completed.exitCode()).isEqualTo(ExitCode.OK);
		assertThat(completed.out()).containsPattern("COMPLETED\\s+[\\d,]+\\s+[\\d,]+\\s+[\\d,]+\\s+[\\d,]+")
			.contains("nothing to resume");

		// what a commit the database did not confirm leaves behind
		database.jdbc().update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'UNKNOWN', EXIT_CODE = 'UNKNOWN'");
		assertThat(status().out()).contains("The last run ended UNKNOWN").contains(resumeLine());

		// what a crash in the last step leaves behind
		database.jdbc().update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED', EXIT_CODE = 'FAILED'");
		CommandRun failed = status();
		assertThat(failed.out()).contains("The last run FAILED").contains(resumeLine())
			.contains("reading the input it started on, " + population.input().toAbsolutePath());

		CommandRun resume = CommandRun.of(CommandRun.concat(new String[] { "resume", "--graph-url",
				emulator.baseUrl(), "--business-file", population.businessFile().toString(), "--out",
				tmp.resolve("out").toString() }, database.options()));

		assertThat(resume.exitCode()).as(resume.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		CommandRun after = status();
		assertThat(after.out()).contains("nothing to resume");
		List<String> rows = after.out().lines().filter(l -> l.matches("^\\d+\\s.*")).toList();
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0)).as("newest first").contains("COMPLETED");
		assertThat(rows.get(1)).contains("FAILED");
	}

	@Test
	void showsWhichProcessRanEachLookupPartitionOfTheLastExecution() {
		CommandRun run = reconcile();
		assertThat(run.exitCode()).as(run.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);

		CommandRun status = status();

		assertThat(status.out()).contains("Lookup partitions of the last execution:");
		List<String> partitions = status.out().lines().filter(l -> l.matches("^  [0-2]\\s+[A-Z]+\\s.*")).toList();
		// pass 1 has a partition per app and Page of the business (2 and 2), each run by this process
		assertThat(partitions).filteredOn(l -> l.startsWith("  1 ")).hasSize(4);
		assertThat(partitions).allSatisfy(line -> assertThat(line).containsPattern(
				"^  [0-2]\\s+COMPLETED\\s+[\\d,]+\\s+\\d+@\\S+\\s+\\d+$"));
	}

	@Test
	void helpAndBadLimit() {
		assertThat(CommandRun.of("status", "--help").out()).contains("Usage: ./run.sh status");
		assertThat(CommandRun.of("status", "--limit", "many").exitCode()).isEqualTo(ExitCode.BAD_CONFIGURATION);
	}

	/** What status prints for this test's database: its URL and user, never its password. */
	private String resumeLine() {
		return "\n  ./run.sh resume --db-url " + database.url() + " --db-user " + database.user() + "\n";
	}

	private CommandRun status() {
		return CommandRun.of(CommandRun.concat(new String[] { "status" }, database.options()));
	}

	private CommandRun reconcile() {
		return CommandRun.of(CommandRun.concat(new String[] { "reconcile", "--input", population.input().toString(),
				"--graph-url", emulator.baseUrl(), "--business-file", population.businessFile().toString(), "--out",
				tmp.resolve("out").toString() }, database.options()));
	}
}
