package com.crosswalk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.cli.ExitCode;
import com.crosswalk.emulator.CallOutcome;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.FaultKind;
import com.crosswalk.emulator.FaultSettings;
import com.crosswalk.emulator.Fixture;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.graph.AppSecretProof;
import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;
import com.crosswalk.support.JobProcess;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A night of bad weather: about one request in five fails in a transient way (HTTP 500s, dropped connections, HTML
 * error pages, truncated JSON, null batch items), on top of bad input rows, a scope pending review and IDs Graph
 * does not know. The job, run as a separate process with its output captured, must finish (re-running the same
 * command, as cron would, while some IDs stay unavailable), give every input ID an outcome, keep its retries within
 * their bound, and leave no secret, token or appsecret_proof in its logs, its database or its files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultStormReliabilityTests {

	private static final int MAX_ATTEMPTS = 5;

	private static final int MAX_RUNS = 12;

	private static final int THROTTLE_BUDGET = 200;

	private static final Duration THROTTLE_WINDOW = Duration.ofSeconds(10);

	/** One request in five: 5% server errors and 4% of each other kind (batch items: 4% null on their own). */
	private static final FaultSettings STORM = FaultSettings.none()
		.withServerError(0.05)
		.withDroppedConnection(0.04)
		.withHtmlPage(0.04)
		.withTruncatedJson(0.04)
		.withNullBatchItem(0.04)
		.withSeed(2026L);

	@TempDir
	static Path tmp;

	Population population;

	GraphEmulator emulator;

	TestDatabase database;

	final List<JobProcess> runs = new ArrayList<>();

	int lastExit;

	@BeforeAll
	void runThroughTheStorm() throws Exception {
		population = Population.generate(tmp.resolve("population"), 2_000, 3, 4, 31L, "--bad-rows-share", "0.03");
		// ... plus throttling: every app and Page has a budget of THROTTLE_BUDGET calls per 10 s window.
		emulator = GraphEmulator.start(population.fixture(), EmulatorConfig.custom()
			.faults(STORM)
			.appCallBudget(THROTTLE_BUDGET)
			.pageCallBudget(THROTTLE_BUDGET)
			.rateLimitWindow(THROTTLE_WINDOW)
			.build());
		database = TestDatabase.h2(tmp.resolve("db"));
		String[] command = Stream.of(new String[] { "reconcile", "--input", population.input().toString(),
				"--graph-url", emulator.baseUrl(), "--business-file", population.businessFile().toString(), "--out",
				tmp.resolve("out").toString(), "--crosswalk.graph.retry-max-attempts=" + MAX_ATTEMPTS,
				"--crosswalk.graph.retry-max-backoff=500ms", "--logging.level.com.crosswalk=DEBUG",
				"--crosswalk.graph.usage-window=" + THROTTLE_WINDOW.toSeconds() + "s",
				// the client believes in a budget half as large again as the emulator's, so Graph does say no
				"--crosswalk.graph.app-calls-per-hour=" + hourly(THROTTLE_BUDGET * 3 / 2),
				"--crosswalk.graph.page-calls-per-hour=" + hourly(THROTTLE_BUDGET * 3 / 2),
				"--crosswalk.graph.max-throttle-wait=5s" },
				database.options()).flatMap(Stream::of).toArray(String[]::new);
		do {
			JobProcess run = JobProcess.start(tmp.resolve("logs"), "run-" + (runs.size() + 1), command);
			runs.add(run);
			lastExit = run.awaitExit(Duration.ofMinutes(4));
		}
		while (lastExit == ExitCode.FAILED && runs.size() < MAX_RUNS);
	}

	private static int hourly(int perWindow) {
		return (int) (perWindow * Duration.ofHours(1).toSeconds() / THROTTLE_WINDOW.toSeconds());
	}

	@AfterAll
	void stopEmulator() {
		emulator.close();
	}

	@Test
	void everyInputIdEndsWithAnOutcomeAndRetriesStayWithinTheirBound() throws Exception {
		assertThat(lastExit).as("the job finished; last run: %s", runs.get(runs.size() - 1))
			.isEqualTo(ExitCode.DONE_WITH_BLOCKED);
		long faults = Stream.of(FaultKind.values()).mapToLong(emulator.counters()::faults).sum();
		assertThat(faults).as("faults injected").isGreaterThan(50);

		JdbcTemplate jdbc = database.jdbc();
		Map<String, Long> byStatus = new HashMap<>();
		jdbc.query("SELECT status, COUNT(*) FROM cw_staging GROUP BY status",
				rs -> {
					byStatus.put(rs.getString(1), rs.getLong(2));
				});
		assertThat(byStatus).as("statuses of the staged IDs").doesNotContainKeys("NEW", "PENDING", "UNAVAILABLE")
			.containsKeys("BLOCKED", "REJECTED");
		assertThat(emulator.counters().calls(CallOutcome.THROTTLED)).as("throttled answers in the storm").isPositive();
		// every ID rejected by Graph has its reason; every ID Graph knows ended resolved, covered or blocked
		jdbc.query("SELECT id_type, scope_id, scoped_id, status FROM cw_staging", rs -> {
			ScopedId id = new ScopedId(IdType.parse(rs.getString(1)), rs.getString(2), rs.getString(3));
			String status = rs.getString(4);
			if (population.fixture().personIndexOf(id).isPresent()) {
				// FRESH: resolved by an earlier run of the same command (one that throttling left unfinished)
				assertThat(status).as("outcome of %s, an ID Graph knows", id)
					.isIn("RESOLVED", "COVERED", "BLOCKED", "FRESH");
			}
			else {
				// a scope pending review answers #200 whatever the ID
				assertThat(status).as("outcome of %s, an ID Graph does not know", id).isIn("REJECTED", "BLOCKED");
			}
		});
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_staging s WHERE s.status = 'REJECTED' AND NOT EXISTS"
				+ " (SELECT 1 FROM cw_reject r WHERE r.stage = 'LOOKUP' AND r.position = s.id_key AND r.reason <> '')",
				Long.class)).as("IDs rejected by Graph without a reason").isZero();

		JsonNode summary = JsonMapper.builder().build().readTree(tmp.resolve("out/run-summary.json").toFile());
		assertThat(summary.get("adds_up").asBoolean()).as(summary.toString()).isTrue();
		assertThat(summary.get("rows_read").asLong()).as("every input row read")
			.isEqualTo(Files.readAllLines(population.input()).size() - 1);

		// Each lookup is tried at most MAX_ATTEMPTS times in a run, and a run only tries IDs without an outcome.
		long lookedUp = byStatus.getOrDefault("RESOLVED", 0L) + byStatus.getOrDefault("REJECTED", 0L)
				+ byStatus.getOrDefault("BLOCKED", 0L) + byStatus.getOrDefault("FRESH", 0L);
		long idCalls = emulator.counters().calls();
		assertThat(idCalls).as("Graph calls over %d runs for %d IDs", runs.size(), lookedUp)
			.isLessThanOrEqualTo(lookedUp * MAX_ATTEMPTS * runs.size());
		Figures.record("storm.runs", runs.size());
		Figures.record("storm.ids", byStatus.values().stream().mapToLong(Long::longValue).sum());
		Figures.record("storm.statuses", byStatus);
		Figures.record("storm.faultsInjected", faults);
		Figures.record("storm.throttledAnswers", emulator.counters().calls(CallOutcome.THROTTLED));
		Figures.record("storm.calls", idCalls);
		Figures.record("storm.httpRequests", emulator.counters().httpRequests());
	}

	@Test
	void noSecretTokenOrProofIsLeftInLogsDatabaseOrFiles() throws Exception {
		Map<String, String> secrets = secretsOf(population.fixture());
		Map<String, String> texts = new LinkedHashMap<>();
		for (int i = 0; i < runs.size(); i++) {
			texts.put("run " + (i + 1) + " stdout", runs.get(i).out());
			texts.put("run " + (i + 1) + " stderr", runs.get(i).err());
		}
		texts.put("database", dumpEveryTable(database.jdbc()));
		try (Stream<Path> files = Files.walk(tmp.resolve("out"))) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				texts.put(file.getFileName().toString(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
			}
		}
		assertThat(texts.get("run 1 stdout")).as("the logs were captured").contains("Graph TRANSIENT answer");

		for (Map.Entry<String, String> text : texts.entrySet()) {
			for (Map.Entry<String, String> secret : secrets.entrySet()) {
				assertThat(text.getValue().contains(secret.getValue()))
					.as("%s contains %s", text.getKey(), secret.getKey())
					.isFalse();
			}
		}
		Figures.record("secrets.searched", secrets.size());
		Figures.record("secrets.texts", texts.size());
		Figures.record("secrets.bytes", texts.values().stream().mapToLong(String::length).sum());
	}

	/** Every app secret, token and Page token of the fixture, and the appsecret_proof the client sends with each. */
	private static Map<String, String> secretsOf(Fixture fixture) {
		Map<String, String> secrets = new LinkedHashMap<>();
		for (Fixture.App app : fixture.apps()) {
			secrets.put("secret of app " + app.id(), app.secret());
			Set<String> tokens = new LinkedHashSet<>(app.tokens());
			tokens.add(app.id() + "|" + app.secret());
			tokens.addAll(app.expiredTokens());
			int n = 0;
			for (String token : tokens) {
				n++;
				secrets.put("token " + n + " of app " + app.id(), token);
				secrets.put("proof of token " + n + " of app " + app.id(),
						AppSecretProof.classic(token, app.secret()).proof());
			}
		}
		for (Fixture.Page page : fixture.pages()) {
			String managerSecret = fixture.app(page.appId()).orElseThrow().secret();
			secrets.put("token of Page " + page.id(), page.token());
			secrets.put("proof of the token of Page " + page.id(), AppSecretProof.classic(page.token(), managerSecret)
				.proof());
			for (String expired : page.expiredTokens()) {
				secrets.put("expired token of Page " + page.id(), expired);
			}
		}
		return secrets;
	}

	/** Every row of every table, each value as text. */
	private static String dumpEveryTable(JdbcTemplate jdbc) throws IOException {
		StringBuilder dump = new StringBuilder();
		List<String> tables = jdbc.queryForList("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
				+ " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'", String.class);
		assertThat(tables).as("tables").hasSizeGreaterThan(10);
		for (String table : tables) {
			dump.append("== ").append(table).append('\n');
			jdbc.query("SELECT * FROM \"" + table + "\"", rs -> {
				for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
					dump.append(rs.getString(c)).append('|');
				}
				dump.append('\n');
			});
		}
		return dump.toString();
	}
}
