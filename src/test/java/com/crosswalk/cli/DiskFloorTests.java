package com.crosswalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

/**
 * A run on an H2 file whose disk comes down to {@code crosswalk.min-free-disk} stops between chunks with one line
 * that says so (exit 1), compacts the file on its way out, and the same command resumes the run once the disk has
 * room, as that line says. The disk's free space is what it is; the floor is what the test moves, through a config
 * file, so both runs are the same command.
 */
class DiskFloorTests {

	@TempDir
	Path tmp;

	Population population;

	GraphEmulator emulator;

	@BeforeEach
	void setUp() {
		population = Population.generate(tmp.resolve("population"), 60, 2, 2, 11L, "--review-share", "0",
				"--bad-rows-share", "0");
		emulator = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().build());
	}

	@AfterEach
	void tearDown() {
		emulator.close();
	}

	@Test
	void aRunShortOfDiskStopsBetweenChunksAndTheSameCommandResumesItOnceThereIsRoom() throws IOException {
		Path config = tmp.resolve("crosswalk.yml");
		setFloor(config, "1000TB");

		CommandRun stopped = reconcile(config);

		assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(ExitCode.FAILED);
		assertThat(stopped.err().lines().toList()).as(stopped.toString()).singleElement().asString()
			.startsWith("crosswalk: the disk holding the H2 database file in " + tmp.resolve("db"))
			.contains("below crosswalk.min-free-disk (1000 TB)")
			.contains("Run the same command again to resume from the last committed chunk");
		assertThat(stopped.out()).contains("Compacted the H2 database file " + tmp.resolve("db"));

		// the disk has room again
		setFloor(config, "1MB");
		CommandRun resumed = reconcile(config);

		assertThat(resumed.exitCode()).as(resumed.toString()).isEqualTo(ExitCode.OK);
		assertThat(resumed.out()).contains("Crosswalk run 1 (execution 2): COMPLETED");
		long rows;
		try (var lines = Files.lines(population.input())) {
			rows = lines.count() - 1;
		}
		assertThat(resumed.out()).containsPattern("rows read +" + rows + " = accepted " + rows + " \\+ rejected 0");
	}

	@Test
	void aNegativeFloorIsRefusedWithTheFormThatWorks() throws IOException {
		Path config = tmp.resolve("crosswalk.yml");
		setFloor(config, "-1MB");

		CommandRun refused = reconcile(config);

		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(refused.err().lines().toList()).as(refused.toString()).singleElement().asString()
			.isEqualTo("crosswalk: invalid setting crosswalk.min-free-disk must be 0 or a positive size, e.g. 0, 512MB"
					+ " or 2GB");

		setFloor(config, "512MB");
		CommandRun accepted = reconcile(config);
		assertThat(accepted.exitCode()).as(accepted.toString()).isEqualTo(ExitCode.OK);
	}

	/** The config file both runs of a test read: the command line stays the same. */
	private static void setFloor(Path config, String size) throws IOException {
		Files.writeString(config, "crosswalk:\n  min-free-disk: " + size + "\n");
	}

	private CommandRun reconcile(Path config) {
		return CommandRun.of(CommandRun.concat(new String[] { "reconcile", "--input", population.input().toString(),
				"--graph-url", emulator.baseUrl(), "--business-file", population.businessFile().toString(), "--out",
				tmp.resolve("out").toString(), "--config", config.toString() },
				TestDatabase.h2(tmp.resolve("db")).options()));
	}
}
