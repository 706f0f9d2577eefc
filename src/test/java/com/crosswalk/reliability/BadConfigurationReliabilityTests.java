package com.crosswalk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.crosswalk.cli.ExitCode;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.graph.BusinessCredentialsLoader;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Configuration mistakes stop the job at start-up, before any lookup, with exit code 2 and one line that says what
 * to fix (which app or Page, which setting or variable), without a stack trace and without echoing a secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadConfigurationReliabilityTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path tmp;

	Population population;

	GraphEmulator emulator;

	ObjectNode business;

	int cases;

	@BeforeAll
	void setUp() {
		population = Population.generate(tmp.resolve("population"), 100, 2, 2, 43L);
		emulator = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().build());
		business = (ObjectNode) JSON.readTree(population.businessFile().toFile());
	}

	@AfterAll
	void tearDown() {
		emulator.close();
	}

	@Test
	void aMissingPageTokenNamesThePageAndTheVariable() {
		ObjectNode page = (ObjectNode) business.get("pages").get(0);
		String pageId = page.get("id").asString();

		CommandRun run = reconcileWith(b -> ((ObjectNode) b.get("pages").get(0)).remove("token"));

		assertFailsAtStartUp(run).contains("Page " + pageId, BusinessCredentialsLoader.pageTokenVariable(pageId));
	}

	@Test
	void anAppGraphDoesNotKnowIsNamed() {
		CommandRun run = reconcileWith(b -> ((ArrayNode) b.get("apps")).addObject()
			.put("id", "999999999999991")
			.put("secret", "0123456789abcdef0123456789abcdef"));

		assertFailsAtStartUp(run).contains("app 999999999999991");
	}

	@Test
	void aWrongAppSecretSaysToCheckTheSecretWithoutShowingIt() {
		ObjectNode app = (ObjectNode) business.get("apps").get(0);
		String appId = app.get("id").asString();
		String wrong = "ffffffffffffffffffffffffffffffff";

		CommandRun run = reconcileWith(b -> ((ObjectNode) b.get("apps").get(0)).put("secret", wrong));

		assertFailsAtStartUp(run).contains("app " + appId, "check the app secret",
				BusinessCredentialsLoader.appSecretVariable(appId)).doesNotContain(wrong);
		assertThat(runLog()).as("the run's log file").doesNotContain(wrong);
	}

	@Test
	void anUnreachableDatabaseSaysWhichSettingToCheck() {
		CommandRun run = CommandRun.of("reconcile", "--input", population.input().toString(), "--graph-url",
				emulator.baseUrl(), "--business-file", population.businessFile().toString(), "--out",
				tmp.resolve("out").toString(), "--db-url",
				"jdbc:postgresql://127.0.0.1:1/crosswalk?password=url-password-1234", "--db-user", "cw",
				"--spring.datasource.hikari.connection-timeout=2000",
				"--spring.datasource.hikari.initialization-fail-timeout=1");

		assertFailsAtStartUp(run).contains("cannot connect to the database", "--db-url")
			.doesNotContain("url-password-1234");
		assertThat(runLog()).as("the run's log file has the failure, not the password")
			.contains("\tat ").doesNotContain("url-password-1234");
	}

	private String runLog() {
		try {
			return Files.readString(tmp.resolve("out").resolve("crosswalk.log"));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Test
	void aConnectionPoolTooSmallForTheWritesBesideTheCheckpointIsRefusedAtStart() {
		CommandRun run = CommandRun.of(CommandRun.concat(new String[] { "reconcile", "--input",
				population.input().toString(), "--graph-url", emulator.baseUrl(), "--business-file",
				population.businessFile().toString(), "--out", tmp.resolve("out").toString(),
				"--spring.datasource.hikari.maximum-pool-size=2" }, TestDatabase.h2(tmp.resolve("db-pool")).options()));

		assertFailsAtStartUp(run).contains("spring.datasource.hikari.maximum-pool-size is 2", "4 connections");
	}

	@Test
	void aMissingBusinessFileSaysWhatToGive() {
		CommandRun run = CommandRun.of(CommandRun.concat(new String[] { "reconcile", "--input",
				population.input().toString(), "--graph-url", emulator.baseUrl(), "--business-file",
				tmp.resolve("nope.json").toString(), "--out", tmp.resolve("out").toString() },
				TestDatabase.h2(tmp.resolve("db-nofile")).options()));

		assertFailsAtStartUp(run).contains("nope.json");
	}

	private CommandRun reconcileWith(Consumer<ObjectNode> change) {
		ObjectNode copy = business.deepCopy();
		change.accept(copy);
		Path file = tmp.resolve("business-" + (++cases) + ".json");
		JSON.writeValue(file.toFile(), copy);
		emulator.resetCounters();
		CommandRun run = CommandRun.of(CommandRun.concat(new String[] { "reconcile", "--input",
				population.input().toString(), "--graph-url", emulator.baseUrl(), "--business-file", file.toString(),
				"--out", tmp.resolve("out").toString() }, TestDatabase.h2(tmp.resolve("db-" + cases)).options()));
		// the start-up check: debug_token of every token and each app's owner_business
		assertThat(emulator.counters().calls()).as("calls before the refusal: at most the start-up check's")
			.isLessThanOrEqualTo(2L * copy.get("apps").size() + copy.get("pages").size());
		return run;
	}

	private static org.assertj.core.api.AbstractStringAssert<?> assertFailsAtStartUp(CommandRun run) {
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		HostileInputReliabilityTests.assertNoStackTrace(run);
		assertThat(run.out()).as("nothing ran").doesNotContain("Crosswalk run");
		return assertThat(run.err()).as(run.toString());
	}
}
