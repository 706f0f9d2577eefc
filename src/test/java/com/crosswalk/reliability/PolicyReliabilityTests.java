package com.crosswalk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.crosswalk.cli.ExitCode;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.Fixture;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.graph.BusinessCredentials;
import com.crosswalk.graph.BusinessCredentialsLoader;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ID Matching policy: a business maps IDs between its own apps and Pages only. A configuration that brings in
 * another business's app or Page is refused at start-up, and a run never sends one business's token with an ID of
 * another business.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyReliabilityTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path tmp;

	Population population;

	GraphEmulator emulator;

	Fixture.Business other;

	@BeforeAll
	void setUp() {
		population = Population.generate(tmp.resolve("population"), 300, 3, 4, 41L);
		emulator = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().build());
		String own = BusinessCredentialsLoader.load(population.businessFile(), Map.of()).businessId();
		other = population.fixture().businesses().stream().filter(b -> !b.id().equals(own)).findFirst().orElseThrow();
	}

	@AfterAll
	void tearDown() {
		emulator.close();
	}

	@Test
	void anAppOfAnotherBusinessWithItsOwnWorkingCredentialsIsRefusedAtStartUp() throws Exception {
		Fixture.App foreign = population.fixture().appsOf(other.id()).get(0);
		ObjectNode business = (ObjectNode) JSON.readTree(population.businessFile().toFile());
		((ArrayNode) business.get("apps")).addObject()
			.put("id", foreign.id())
			.put("secret", foreign.secret())
			.put("token", foreign.primaryToken());
		Path mixed = tmp.resolve("mixed-business.json");
		JSON.writeValue(mixed.toFile(), business);
		emulator.resetCounters();

		CommandRun run = reconcile(mixed, TestDatabase.h2(tmp.resolve("db-mixed")));

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(run.err()).contains("app " + foreign.id() + " belongs to business " + other.id())
			.doesNotContain(foreign.secret(), foreign.primaryToken());
		// the start-up check: debug_token of every token and each app's owner_business; no lookup
		assertThat(emulator.counters().calls()).as("only the start-up check's calls, no lookup")
			.isLessThanOrEqualTo(2L * business.get("apps").size() + business.get("pages").size());
	}

	@Test
	void anAssetDeclaredAsAnotherBusinessesIsRefusedBeforeAnyCall() throws Exception {
		Fixture.Page foreign = population.fixture().pagesOf(other.id()).get(0);
		ObjectNode business = (ObjectNode) JSON.readTree(population.businessFile().toFile());
		((ArrayNode) business.get("pages")).addObject()
			.put("id", foreign.id())
			.put("app_id", business.get("apps").get(0).get("id").asString())
			.put("token", foreign.token())
			.put("business_id", other.id());
		Path mixed = tmp.resolve("declared-business.json");
		JSON.writeValue(mixed.toFile(), business);
		emulator.resetCounters();

		CommandRun run = reconcile(mixed, TestDatabase.h2(tmp.resolve("db-declared")));

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(run.err()).contains("Page " + foreign.id() + " belongs to business " + other.id())
			.doesNotContain(foreign.token());
		assertThat(emulator.counters().calls()).isZero();
	}

	@Test
	void rowsOfAnotherBusinessAreRejectedAndNoTokenTravelsWithThem() throws Exception {
		TestDatabase database = TestDatabase.h2(tmp.resolve("db-run"));
		emulator.resetCounters();
		Set<String> foreignScopes = new HashSet<>();
		population.fixture().appsOf(other.id()).forEach(a -> foreignScopes.add(a.id()));
		population.fixture().pagesOf(other.id()).forEach(p -> foreignScopes.add(p.id()));
		List<String> input = Files.readAllLines(population.input());
		long foreignRows = input.stream().filter(line -> foreignScopes.stream().anyMatch(line::contains)).count();
		assertThat(foreignRows).as("the generated input has rows of the other business").isPositive();

		CommandRun run = reconcile(population.businessFile(), database);

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.DONE_WITH_BLOCKED);
		BusinessCredentials own = BusinessCredentialsLoader.load(population.businessFile(), Map.of());
		List<String> stagedScopes = database.jdbc().queryForList("SELECT DISTINCT scope_id FROM cw_staging",
				String.class);
		assertThat(stagedScopes).as("scopes looked up").isNotEmpty().noneMatch(foreignScopes::contains)
			.allMatch(scope -> own.app(scope).isPresent() || own.page(scope).isPresent());
		assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM cw_reject WHERE stage = 'INPUT'"
				+ " AND reason LIKE '%not one of business%'", Long.class)).as("rows of the other business rejected")
			.isGreaterThanOrEqualTo(foreignRows);
		for (String scope : foreignScopes) {
			assertThat(emulator.counters().calls(scope)).as("calls with the token of %s", scope).isZero();
		}
		Figures.record("policy.foreignRowsRejected", foreignRows);
	}

	private CommandRun reconcile(Path businessFile, TestDatabase database) {
		return CommandRun.of(CommandRun.concat(new String[] { "reconcile", "--input", population.input().toString(),
				"--graph-url", emulator.baseUrl(), "--business-file", businessFile.toString(), "--out",
				tmp.resolve("out").toString() }, database.options()));
	}
}
