package com.crosswalk.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.crosswalk.cli.ExitCode;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

/**
 * A business with more apps and Pages than the connection pool has connections: every partition of the lookup waits
 * on the Graph API at once, and none may keep a pooled connection while it waits, or the one whose turn it is to
 * record finds the pool empty.
 */
class ManyScopesJobTest {

	@TempDir
	Path tmp;

	@Test
	void aPassWithAsManyPartitionsAsThePoolHasConnectionsCompletes() {
		// 5 apps and 6 Pages: 8 partitions (crosswalk.lookup.partitions) against a pool of 8
		Population population = Population.generate(tmp.resolve("population"), 1_500, 5, 6, 23L);
		try (GraphEmulator emulator = GraphEmulator.start(population.fixture(),
				EmulatorConfig.custom().latency(Duration.ofMillis(40)).build())) {
			CommandRun run = CommandRun.of(CommandRun.concat(new String[] { "reconcile", "--input",
					population.input().toString(), "--graph-url", emulator.baseUrl(), "--business-file",
					population.businessFile().toString(), "--out", tmp.resolve("out").toString(),
					"--spring.datasource.hikari.connection-timeout=5000" },
					TestDatabase.h2(tmp.resolve("db")).options()));

			assertThat(run.exitCode()).as(run.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		}
	}
}
