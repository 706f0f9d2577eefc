package com.crosswalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code explain} end to end: after a run against the emulator, one ID's calls made for real and its standing. */
class ExplainCommandTests {

	@TempDir
	static Path tmp;

	static Population population;

	static GraphEmulator emulator;

	static TestDatabase database;

	@BeforeAll
	static void reconcileOnce() throws Exception {
		population = Population.generate(tmp.resolve("population"), 150, 2, 3, 21L);
		// IDs no one has: Graph refuses them for good (in the Pages not under review)
		StringBuilder unknown = new StringBuilder();
		for (int i = 0; i < population.fixture().pages().size(); i++) {
			unknown.append("C9000000").append(i).append(",psid,").append(population.fixture().pages().get(i).id())
				.append(",700000000000000").append(i).append('\n');
		}
		Files.writeString(population.input(), unknown, StandardOpenOption.APPEND);
		emulator = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().build());
		database = TestDatabase.h2(tmp.resolve("db"));
		CommandRun run = CommandRun.of(CommandRun.concat(new String[] { "reconcile", "--input",
				population.input().toString(), "--out", tmp.resolve("out").toString() }, graph(), database.options()));
		assertThat(run.exitCode()).as(run.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@Test
	void showsTheThreeCallsForAPsidAndThePersonItBelongsTo() throws Exception {
		Map<String, Object> row = database.jdbc().queryForMap("SELECT i.scope_id, i.scoped_id, i.person_key"
				+ " FROM cw_identity i WHERE i.id_type = 'psid' AND i.scope_id NOT IN (SELECT scope_id FROM cw_blocked_scope)"
				+ " AND (SELECT COUNT(*) FROM cw_identity o"
				+ " WHERE o.person_key = i.person_key AND o.id_type = 'asid') > 0 ORDER BY i.id_key FETCH FIRST 1 ROWS ONLY");
		String asidOfPerson = database.jdbc().queryForObject("SELECT scoped_id FROM cw_identity WHERE person_key = ?"
				+ " AND id_type = 'asid' FETCH FIRST 1 ROWS ONLY", String.class, row.get("person_key"));

		CommandRun explain = explain(row.get("scoped_id").toString(), "--type", "psid", "--scope",
				row.get("scope_id").toString());

		assertThat(explain.exitCode()).as(explain.toString()).isEqualTo(ExitCode.OK);
		String psid = row.get("scoped_id").toString();
		assertThat(explain.out()).contains("/" + psid + "/ids_for_apps?").contains("/" + psid + "/ids_for_pages?")
			.contains("/" + psid + "?fields=name%2Cis_payment_enabled%2Cids_for_apps%2Cids_for_pages")
			.contains("access_token=***").contains("appsecret_proof=***")
			.contains("\"id\" : \"" + asidOfPerson + "\"")
			.contains("person " + row.get("person_key") + ", whose identifiers are:");
		assertNoCredential(explain);
	}

	@Test
	void anAsidWithAPageFilterAsksOnlyForThatPage() throws Exception {
		Map<String, Object> row = database.jdbc().queryForMap("SELECT scope_id, scoped_id FROM cw_identity"
				+ " WHERE id_type = 'asid' ORDER BY id_key FETCH FIRST 1 ROWS ONLY");
		String page = population.fixture().pages().get(0).id();

		CommandRun explain = explain(row.get("scoped_id").toString(), "--type", "asid", "--scope",
				row.get("scope_id").toString(), "--page", page);

		assertThat(explain.out()).contains("/ids_for_pages?page=" + page)
			.contains("fields=name%2Cage_range%2Cids_for_apps%2Cids_for_pages");
		assertNoCredential(explain);
	}

	@Test
	void aBlockedIdShowsTheRefusalAndItsReviewRecord() throws Exception {
		Map<String, Object> row = database.jdbc().queryForMap("SELECT id_type, scope_id, scoped_id FROM cw_blocked"
				+ " ORDER BY id_key FETCH FIRST 1 ROWS ONLY");

		CommandRun explain = explain(row.get("scoped_id").toString(), "--type", row.get("id_type").toString(),
				"--scope", row.get("scope_id").toString());

		assertThat(explain.exitCode()).as(explain.toString()).isEqualTo(ExitCode.FAILED);
		assertThat(explain.out()).containsPattern("-> HTTP 4\\d\\d").contains("under review")
			.contains("BLOCKED pending review: code 200");
		assertNoCredential(explain);
	}

	@Test
	void anIdRefusedByGraphShowsItsRejection() {
		List<Map<String, Object>> rejected = database.jdbc().queryForList("SELECT position, raw_value FROM cw_reject"
				+ " WHERE stage = 'LOOKUP' ORDER BY position FETCH FIRST 1 ROWS ONLY");
		assertThat(rejected).as("the generated population has IDs Graph does not know").isNotEmpty();
		String[] key = rejected.get(0).get("position").toString().split(":");

		CommandRun explain = explain(key[2], "--type", key[0], "--scope", key[1]);

		assertThat(explain.out()).contains("REJECTED at " + rejected.get(0).get("position") + " (LOOKUP")
			.contains("Graph API refused the ID");
	}

	@Test
	void usageErrorsAndHelp() {
		assertThat(CommandRun.of("explain", "--help").out()).contains("Usage: ./run.sh explain");
		CommandRun noType = CommandRun.of("explain", "123", "--scope", "456");
		assertThat(noType.exitCode()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		CommandRun pathTrick = CommandRun.of("explain", "../me", "--type", "psid", "--scope", "456");
		assertThat(pathTrick.exitCode()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(pathTrick.err()).contains("Not a Graph ID");
	}

	private static CommandRun explain(String... args) {
		return CommandRun.of(CommandRun.concat(new String[] { "explain" }, args, graph(), database.options()));
	}

	private static String[] graph() {
		return new String[] { "--graph-url", emulator.baseUrl(), "--business-file",
				population.businessFile().toString() };
	}

	/** Neither the printed requests nor the answers may carry a token or a secret from the business file. */
	private static void assertNoCredential(CommandRun run) throws Exception {
		JsonNode business = JsonMapper.builder().build().readTree(population.businessFile().toFile());
		List<String> secrets = new ArrayList<>();
		for (String list : List.of("apps", "pages")) {
			for (JsonNode scope : business.get(list)) {
				for (String field : List.of("secret", "token")) {
					if (scope.hasNonNull(field)) {
						secrets.add(scope.get(field).asString());
					}
				}
			}
		}
		assertThat(secrets).isNotEmpty();
		for (String secret : secrets) {
			assertThat(run.out() + run.err()).doesNotContain(secret);
		}
	}
}
