package com.crosswalk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import com.crosswalk.cli.ExitCode;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.graph.BusinessCredentials;
import com.crosswalk.graph.BusinessCredentialsLoader;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference a reliability test compares interrupted runs with: a population (3 apps, 4 Pages) served by an
 * emulator, run once without interruption in one JVM on a PostgreSQL database of its own.
 *
 * @param preflightCalls the calls every start makes to check the credentials: debug_token of every token, and each
 *        app's owner_business (Pages' tokens lack business_management)
 * @param lookupCalls the calls the uninterrupted run made beyond them
 * @param summary its run-summary.json
 */
record UninterruptedRun(Population population, GraphEmulator emulator, int groupSize, long preflightCalls,
		RunOutputs outputs, long lookupCalls, JsonNode summary) implements AutoCloseable {

	static UninterruptedRun of(Path dir, int persons, long seed, EmulatorConfig emulatorConfig, int groupSize) {
		Population population = Population.generate(dir.resolve("population"), persons, 3, 4, seed);
		GraphEmulator emulator = GraphEmulator.start(population.fixture(), emulatorConfig);
		BusinessCredentials business = BusinessCredentialsLoader.load(population.businessFile(), Map.of());
		long preflightCalls = 2L * business.apps().size() + business.pages().size();
		TestDatabase database = TestDatabase.postgres();
		Path out = dir.resolve("reference-out");
		UninterruptedRun partial = new UninterruptedRun(population, emulator, groupSize, preflightCalls, null, 0, null);
		CommandRun run = CommandRun.of(CommandRun.concat(partial.jobArguments(out), database.options()));
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.DONE_WITH_BLOCKED);
		return new UninterruptedRun(population, emulator, groupSize, preflightCalls,
				RunOutputs.read(database.jdbc(), out), emulator.counters().calls() - preflightCalls,
				JsonMapper.builder().build().readTree(out.resolve("run-summary.json").toFile()));
	}

	/** {@code reconcile} of the population against the emulator, writing to {@code out}. */
	String[] jobArguments(Path out) {
		return new String[] { "reconcile", "--input", population.input().toString(), "--graph-url",
				emulator.baseUrl(), "--business-file", population.businessFile().toString(), "--out", out.toString(),
				"--crosswalk.lookup.group-size=" + groupSize };
	}

	@Override
	public void close() {
		emulator.close();
	}
}
