package com.crosswalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.Fixture;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.Population;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code check-graph} end to end against standalone emulators, strict and lenient, as a user would run it. */
class CheckGraphCommandTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path tmp;

	static Population population;

	static GraphEmulator strict;

	static GraphEmulator lenient;

	@BeforeAll
	static void start() {
		population = Population.generate(tmp.resolve("population"), 40, 2, 2, 51L);
		strict = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().build());
		lenient = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().lenient(true).build());
	}

	@AfterAll
	static void stop() {
		strict.close();
		lenient.close();
	}

	@Test
	void againstAStrictGraphEveryCaseIsConfirmedAndUnverifiableOwnershipIsAWarning() {
		CommandRun run = checkGraph(strict, population.businessFile());

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
		assertThat(run.out()).contains("CONFIRMED auth.missing-token", "code 104", "CONFIRMED token.page",
				"CONFIRMED batch.encoding", "CONFIRMED page.business-permission")
			.doesNotContain("REFUTED")
			.contains("WARNING   Page " + population.fixture().pages().get(0).id() + ": its owning business cannot be"
					+ " verified")
			.contains("every token is valid for its app and Page");
		assertNoSecret(run);
	}

	@Test
	void aLenientEmulatorRefutesTheMissingTokenLineWithItsEvidence() {
		CommandRun run = checkGraph(lenient, population.businessFile());

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(run.out()).contains("REFUTED   auth.missing-token", "(#190)");
		assertThat(run.err()).contains("contract case(s) refuted");
		assertNoSecret(run);
	}

	@Test
	void anExpiredPageTokenIsABadCredentialNamedWithItsVariable() throws Exception {
		Fixture.Page page = population.fixture().pages().get(1);
		Path file = businessFile("expired", business -> ((ObjectNode) business.get("pages").get(1)).put("token",
				page.expiredTokens().get(0)));

		CommandRun run = checkGraph(strict, file);

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(run.out()).contains("PROBLEM   Page " + page.id() + ": its Page token is not valid",
				"CROSSWALK_PAGE_" + page.id() + "_TOKEN").doesNotContain(page.expiredTokens().get(0));
	}

	@Test
	void anUnreachableGraphExitsOneSayingWhatToCheck() {
		CommandRun run = CommandRun.of("check-graph", "--business-file", population.businessFile().toString(),
				"--graph-url", "http://127.0.0.1:1");

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILED);
		assertThat(run.err()).contains("could not be reached", "--graph-url");
	}

	@Test
	void aMissingBusinessFileSaysWhatToGive() {
		CommandRun run = CommandRun.of("check-graph", "--business-file", tmp.resolve("nope.json").toString(),
				"--graph-url", strict.baseUrl());

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(run.err()).contains("nope.json", "--business-file").doesNotContain("\tat ");
	}

	private static CommandRun checkGraph(GraphEmulator emulator, Path businessFile) {
		return CommandRun.of("check-graph", "--business-file", businessFile.toString(), "--graph-url",
				emulator.baseUrl());
	}

	private static Path businessFile(String name, Consumer<ObjectNode> change) throws Exception {
		ObjectNode business = (ObjectNode) JSON.readTree(population.businessFile().toFile());
		change.accept(business);
		Path file = tmp.resolve(name + ".json");
		JSON.writeValue(file.toFile(), business);
		return file;
	}

	private static void assertNoSecret(CommandRun run) {
		for (Fixture.App app : population.fixture().apps()) {
			assertThat(run.out() + run.err()).doesNotContain(app.secret()).doesNotContain(app.primaryToken());
		}
		for (Fixture.Page page : population.fixture().pages()) {
			assertThat(run.out() + run.err()).doesNotContain(page.token());
		}
	}
}
