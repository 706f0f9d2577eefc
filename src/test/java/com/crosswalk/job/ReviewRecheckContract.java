package com.crosswalk.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.cli.ExitCode;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.Fixture;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.graph.BusinessCredentials;
import com.crosswalk.graph.BusinessCredentialsLoader;
import com.crosswalk.graph.GraphClient;
import com.crosswalk.graph.GraphClientConfig;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ID Matching review end to end, as an operator lives it: the first call starts the review, the run reports the
 * blocked IDs, the review ends long before the window the job waits out, and the operator says so with
 * {@code --recheck-blocked}. The same contract on H2 and on embedded PostgreSQL; calls are counted by the emulator
 * ({@code GET /_emulator/counters}) and the review is ended through its admin endpoint.
 */
abstract class ReviewRecheckContract {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@TempDir
	Path tmp;

	Population population;

	GraphEmulator emulator;

	TestDatabase database;

	/** The app the generator puts under review; its first ID Matching call starts the review in these tests. */
	String reviewApp;

	/** The emulator's counters after the job's start-up check alone: the calls every run makes per scope. */
	JsonNode startUpCheck;

	abstract TestDatabase newDatabase(Path dir);

	@BeforeEach
	void setUp() throws Exception {
		population = Population.generate(tmp.resolve("population"), 300, 3, 4, 11L);
		emulator = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().build());
		database = newDatabase(tmp.resolve("db"));
		reviewApp = population.fixture().apps().stream()
			.filter(app -> app.review() != null && app.review().state() == Fixture.ReviewState.PENDING)
			.findFirst()
			.orElseThrow()
			.id();
		// nobody has called ID Matching for it yet: the job's first call starts the review, as Graph's does
		JsonNode review = admin("POST", "/_emulator/review",
				"{\"id\":\"" + reviewApp + "\",\"state\":\"not_requested\"}");
		assertThat(review.get("state").asString()).isEqualTo("not_requested");
		BusinessCredentials business = BusinessCredentialsLoader.load(population.businessFile(), Map.of());
		try (GraphClient client = new GraphClient(
				GraphClientConfig.custom().baseUrl(URI.create(emulator.baseUrl())).build(), business)) {
			assertThat(client.checkCredentials().problems()).isEmpty();
		}
		startUpCheck = counters();
		emulator.resetCounters();
	}

	/** Calls the job's start-up check makes with the scope's credentials (debug_token, owner reads). */
	private long startUpCalls(String scope) {
		return outcome(startUpCheck, scope, "ok");
	}

	@AfterEach
	void tearDown() {
		emulator.close();
	}

	@Test
	void aReviewThatEndedEarlyIsRecheckedWithOneProbePerScopeAndEveryWaitingIdResolved() throws Exception {
		// the first run meets the review on its first call for each scope, and reports the IDs it blocks
		CommandRun first = reconcile();
		assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCode.DONE_WITH_BLOCKED);
		JdbcTemplate jdbc = database.jdbc();
		List<String> blockedScopes = jdbc.queryForList("SELECT scope_id FROM cw_blocked_scope ORDER BY scope_id",
				String.class);
		assertThat(blockedScopes).as("the review app and the Page it manages").hasSize(2).contains(reviewApp);
		JsonNode counters = counters();
		for (String scope : blockedScopes) {
			assertThat(outcome(counters, scope, "blocked_review")).as("#200 answers for %s", scope).isEqualTo(1);
		}
		List<String> waiting = jdbc.queryForList("SELECT id_key FROM cw_blocked ORDER BY id_key", String.class);
		assertThat(waiting).isNotEmpty();
		assertThat(Files.readAllLines(tmp.resolve("out/blocked-pending-review.csv"))).hasSize(waiting.size() + 1);
		Map<String, Timestamp> lastBlocked = lastBlockedAt(jdbc);

		// status lists the blocked scopes and says how to re-check them
		CommandRun status = CommandRun.of(CommandRun.concat(new String[] { "status" }, database.options()));
		assertThat(status.exitCode()).as(status.toString()).isEqualTo(ExitCode.OK);
		assertThat(status.out()).contains("Blocked pending ID Matching review: 2 scope(s), "
				+ String.format("%,d", waiting.size()) + " IDs waiting");
		for (String scope : blockedScopes) {
			assertThat(status.out()).containsPattern("(?m)^  " + scope + " +(app|Page) +\\d{4}-\\d\\d-\\d\\d");
		}
		Matcher advice = Pattern.compile("run the same reconcile command with (--recheck-blocked) \\(every scope\\)"
				+ " or --recheck-blocked (\\S+) \\(those named\\)").matcher(status.out());
		assertThat(advice.find()).as(status.out()).isTrue();

		// a re-check while the review is still pending: exactly one call per scope, the IDs stay blocked, and the
		// review's clock is the one its first call started
		emulator.resetCounters();
		CommandRun tooEarly = reconcile("--recheck-blocked", advice.group(2));
		assertThat(tooEarly.exitCode()).as(tooEarly.toString()).isEqualTo(ExitCode.DONE_WITH_BLOCKED);
		counters = counters();
		for (String scope : blockedScopes) {
			assertThat(outcome(counters, scope, "blocked_review")).as("probes of %s", scope).isEqualTo(1);
			assertThat(outcome(counters, scope, "ok")).as("calls of %s besides the start-up check", scope)
				.isEqualTo(startUpCalls(scope));
		}
		assertThat(jdbc.queryForList("SELECT id_key FROM cw_blocked ORDER BY id_key", String.class))
			.isEqualTo(waiting);
		assertThat(lastBlockedAt(jdbc)).as("next probe times").isEqualTo(lastBlocked);

		// Meta ends the review early
		JsonNode ended = admin("POST", "/_emulator/review", "{\"id\":\"" + reviewApp
				+ "\",\"state\":\"pending\",\"pending_until\":\"" + Instant.now().minusSeconds(1) + "\"}");
		assertThat(ended.get("state").asString()).isEqualTo("pending");

		// a nightly run without the flag waits out the window: no call for the blocked scopes
		emulator.resetCounters();
		CommandRun nightly = reconcile();
		assertThat(nightly.exitCode()).as(nightly.toString()).isEqualTo(ExitCode.DONE_WITH_BLOCKED);
		counters = counters();
		for (String scope : blockedScopes) {
			assertThat(outcome(counters, scope, "ok") + outcome(counters, scope, "blocked_review"))
				.as("calls of %s besides the start-up check", scope).isEqualTo(startUpCalls(scope));
		}

		// the operator follows status's advice: every scope probed once, and every waiting ID resolved in that run
		emulator.resetCounters();
		CommandRun recheck = reconcile(advice.group(1));
		assertThat(recheck.exitCode()).as(recheck.toString()).isEqualTo(ExitCode.OK);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_blocked", Long.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_blocked_scope", Long.class)).isZero();
		assertThat(Files.readAllLines(tmp.resolve("out/blocked-pending-review.csv"))).hasSize(1);
		for (String id : waiting) {
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_identity WHERE id_key = ? AND person_key IS NOT"
					+ " NULL", Long.class, id)).as("identity of %s", id).isEqualTo(1);
		}
		counters = counters();
		Map<String, Long> answeredByScope = new HashMap<>();
		jdbc.query("SELECT scope_id, COUNT(*) FROM cw_staging WHERE status = 'RESOLVED' GROUP BY scope_id",
				rs -> {
					answeredByScope.put(rs.getString(1), rs.getLong(2));
				});
		assertThat(answeredByScope.keySet()).as("only the re-checked scopes were looked up")
			.containsExactlyInAnyOrderElementsOf(blockedScopes);
		for (String scope : blockedScopes) {
			assertThat(outcome(counters, scope, "blocked_review")).isZero();
			// one call per ID answered (the first of them the probe) and the start-up check: not one call more
			assertThat(outcome(counters, scope, "ok")).as("calls of %s", scope)
				.isEqualTo(answeredByScope.get(scope) + startUpCalls(scope));
		}
		CommandRun after = CommandRun.of(CommandRun.concat(new String[] { "status" }, database.options()));
		assertThat(after.out()).contains("No scope is blocked pending ID Matching review.");
	}

	/** review-retry-after is read when a run decides, not frozen when the scope was blocked. */
	@Test
	void aShorterReviewRetryAfterTakesEffectOnScopesBlockedBefore() throws Exception {
		CommandRun first = reconcile();
		assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCode.DONE_WITH_BLOCKED);
		admin("POST", "/_emulator/review", "{\"id\":\"" + reviewApp + "\",\"state\":\"approved\"}");

		CommandRun shorter = reconcile("--crosswalk.graph.review-retry-after=1ms");

		assertThat(shorter.exitCode()).as(shorter.toString()).isEqualTo(ExitCode.OK);
		assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM cw_blocked", Long.class)).isZero();
	}

	/** A resumed run plans as the killed one did: a re-check asked of the resuming command is not slipped in. */
	@Test
	void aResumedRunKeepsTheRecheckItWasStartedWith() throws Exception {
		CommandRun first = reconcile();
		assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCode.DONE_WITH_BLOCKED);
		// what a kill during the report step leaves behind
		JdbcTemplate jdbc = database.jdbc();
		jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'FAILED', EXIT_CODE = 'FAILED' WHERE STEP_NAME = 'reportStep'");
		jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED', EXIT_CODE = 'FAILED'");
		admin("POST", "/_emulator/review", "{\"id\":\"" + reviewApp + "\",\"state\":\"approved\"}");
		emulator.resetCounters();

		CommandRun resumed = reconcile("--recheck-blocked");

		assertThat(resumed.exitCode()).as(resumed.toString()).isEqualTo(ExitCode.DONE_WITH_BLOCKED);
		assertThat(resumed.out()).contains("Crosswalk run 1 (execution 2)")
			.contains("Note: --recheck-blocked was not applied: this resumed an unfinished run, which keeps the"
					+ " re-check it was started with (none).");
		JsonNode counters = counters();
		for (String scope : jdbc.queryForList("SELECT scope_id FROM cw_blocked_scope", String.class)) {
			assertThat(outcome(counters, scope, "ok") + outcome(counters, scope, "blocked_review"))
				.as("calls of %s besides the start-up check", scope).isEqualTo(startUpCalls(scope));
		}
	}

	@Test
	void aScopeThatIsNotBlockedCannotBeRechecked() {
		CommandRun first = reconcile();
		assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCode.DONE_WITH_BLOCKED);

		CommandRun typo = reconcile("--recheck-blocked", "123");

		assertThat(typo.exitCode()).as(typo.toString()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(typo.err()).contains("--recheck-blocked: 123 is not blocked pending review; blocked now: ")
			.contains(reviewApp);
	}

	private CommandRun reconcile(String... extra) {
		return CommandRun.of(CommandRun.concat(new String[] { "reconcile", "--input", population.input().toString(),
				"--graph-url", emulator.baseUrl(), "--business-file", population.businessFile().toString(), "--out",
				tmp.resolve("out").toString() }, database.options(), extra));
	}

	private JsonNode counters() throws IOException, InterruptedException {
		return admin("GET", "/_emulator/counters", null);
	}

	private static long outcome(JsonNode counters, String scope, String outcome) {
		JsonNode byScope = counters.get("by_scope").get(scope);
		return byScope == null || byScope.get(outcome) == null ? 0 : byScope.get(outcome).asLong();
	}

	private JsonNode admin(String method, String path, String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path));
		request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body));
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static Map<String, Timestamp> lastBlockedAt(JdbcTemplate jdbc) {
		Map<String, Timestamp> times = new HashMap<>();
		jdbc.query("SELECT scope_id, last_blocked_at FROM cw_blocked_scope", rs -> {
			times.put(rs.getString(1), rs.getTimestamp(2));
		});
		return times;
	}
}
