package com.crosswalk.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.cli.ExitCode;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.ErrorFault;
import com.crosswalk.emulator.FaultKind;
import com.crosswalk.emulator.FaultSettings;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reconcile job end to end, against the real emulator and a real database: the same contract on H2 and on
 * embedded PostgreSQL.
 */
abstract class ReconcileJobContract {

	@TempDir
	Path tmp;

	Population population;

	GraphEmulator emulator;

	TestDatabase database;

	abstract TestDatabase newDatabase(Path dir);

	@BeforeEach
	void setUp() {
		population = Population.generate(tmp.resolve("population"), 400, 3, 4, 7L);
		emulator = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().build());
		database = newDatabase(tmp.resolve("db"));
	}

	@AfterEach
	void tearDown() {
		emulator.close();
	}

	CommandRun reconcile(String... extra) {
		return CommandRun.of(CommandRun.concat(new String[] { "reconcile", "--input", population.input().toString(),
				"--graph-url", emulator.baseUrl(), "--business-file", population.businessFile().toString(), "--out",
				tmp.resolve("out").toString() }, database.options(), extra));
	}

	@Test
	void identityTableMatchesTheEmulatorsGroundTruth() throws Exception {
		// when
		CommandRun run = reconcile();

		// then
		assertThat(run.exitCode()).as(run.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		JdbcTemplate jdbc = database.jdbc();
		Map<String, Set<Integer>> personsByKey = new HashMap<>();
		Map<Integer, Set<String>> keysByPerson = new HashMap<>();
		Map<Integer, Set<ScopedId>> idsFoundByPerson = new HashMap<>();
		jdbc.query("SELECT id_type, scope_id, scoped_id, person_key FROM cw_identity WHERE id_type <> 'customer'", rs -> {
			ScopedId id = new ScopedId(IdType.parse(rs.getString(1)), rs.getString(2), rs.getString(3));
			OptionalInt person = population.fixture().personIndexOf(id);
			assertThat(person).as("identity row %s is a real person's ID", id).isPresent();
			assertThat(rs.getString(4)).as("person key of %s", id).isNotNull();
			personsByKey.computeIfAbsent(rs.getString(4), k -> new HashSet<>()).add(person.getAsInt());
			keysByPerson.computeIfAbsent(person.getAsInt(), k -> new HashSet<>()).add(rs.getString(4));
			idsFoundByPerson.computeIfAbsent(person.getAsInt(), k -> new HashSet<>()).add(id);
		});
		assertThat(personsByKey).isNotEmpty();
		assertThat(personsByKey.values()).as("no two persons merged").allSatisfy(p -> assertThat(p).hasSize(1));
		assertThat(keysByPerson.values()).as("each person in one cluster").allSatisfy(k -> assertThat(k).hasSize(1));
		idsFoundByPerson.forEach((person, found) -> assertThat(found).as("person %d's IDs", person)
			.containsExactlyInAnyOrderElementsOf(Set.copyOf(population.fixture().idsOfPerson(person)).stream()
				.filter(id -> found.stream().anyMatch(f -> sameBusinessScope(f, id)))
				.toList()));

		JsonNode summary = JsonMapper.builder().build().readTree(tmp.resolve("out/run-summary.json").toFile());
		assertThat(summary.get("adds_up").asBoolean()).as(summary.toString()).isTrue();
		assertThat(run.out()).as("the printed summary agrees with run-summary.json")
			.contains(String.format(Locale.ROOT, "COMPLETED in %.1f s", summary.get("elapsed_seconds").asDouble()));
		assertThat(summary.get("rows_rejected").asLong()).isPositive();
		assertThat(summary.get("ids_blocked_pending_review").asLong()).isPositive();
		assertThat(summary.get("ids_unavailable").asLong()).isZero();
		long blockedRows = jdbc.queryForObject("SELECT COUNT(*) FROM cw_blocked", Long.class);
		assertThat(blockedRows).isEqualTo(summary.get("ids_blocked_pending_review").asLong());
		assertThat(Files.readAllLines(tmp.resolve("out/identities.csv")).get(0))
			.startsWith("person_key,id_type,scope_id,scoped_id");
		assertThat(Files.readAllLines(tmp.resolve("out/rejected-rows.csv"))).hasSize(
				(int) summary.get("rows_rejected").asLong() + (int) summary.get("ids_rejected_by_graph").asLong() + 1);
		assertThat(Files.readAllLines(tmp.resolve("out/blocked-pending-review.csv"))).hasSize((int) blockedRows + 1);
	}

	@Test
	void aPageLackingAPermissionCostsOneCallAndItsIdsGoToThePermissionReportNotTheReviewReport() throws Exception {
		// Page 0 is managed by app 0, which is not under review: a plain #200 permissions error is its only trouble
		String page = population.fixture().pages().get(0).id();
		emulator.updateFaults(FaultSettings.none().withError(ErrorFault.always(FaultKind.PERMISSION_ERROR, page)));

		CommandRun run = reconcile();

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.DONE_WITH_BLOCKED);
		JsonNode summary = JsonMapper.builder().build().readTree(tmp.resolve("out/run-summary.json").toFile());
		assertThat(summary.get("adds_up").asBoolean()).as(summary.toString()).isTrue();
		assertThat(summary.get("permission_denied_scopes").asLong()).isEqualTo(1);
		long denied = summary.get("ids_permission_denied").asLong();
		assertThat(denied).isPositive();
		assertThat(emulator.counters().faults(FaultKind.PERMISSION_ERROR)).as("one call for the Page").isEqualTo(1);
		var report = Files.readAllLines(tmp.resolve("out/permission-denied.csv"));
		assertThat(report.get(0)).isEqualTo("id_type,scope_id,scoped_id,customer_id,code,subcode,message,failed_at");
		assertThat(report.subList(1, report.size())).hasSize((int) denied)
			.allSatisfy(line -> assertThat(line).startsWith("psid," + page + ",").contains(",200,", "Permissions error"));
		assertThat(Files.readString(tmp.resolve("out/blocked-pending-review.csv"))).doesNotContain("," + page + ",");
		assertThat(run.out()).contains("permission denied");
	}

	@Test
	void aSecondNightlyRunKeepsEveryPersonKeyAndMakesNoCalls() {
		CommandRun first = reconcile();
		assertThat(first.exitCode()).as(first.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		// the second run reads the database the first one compacted (H2 only: PostgreSQL is never touched)
		assertThat(first.out().contains("Compacted the H2 database file")).as(first.toString())
			.isEqualTo(!database.isPostgres());
		Map<String, String> keysAfterFirst = personKeys();
		long callsAfterFirst = emulator.counters().calls();

		CommandRun second = reconcile();

		assertThat(second.exitCode()).as(second.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		assertThat(personKeys()).isEqualTo(keysAfterFirst);
		// only the start-up credential check: debug_token of every token and each app's owner_business
		long preflight = 2L * population.fixture().apps().size() + population.fixture().pages().size();
		assertThat(emulator.counters().calls() - callsAfterFirst).as("calls made by the nightly re-run")
			.isLessThanOrEqualTo(preflight);
	}

	/**
	 * Spring Batch ends an execution UNKNOWN when a commit fails without saying whether it happened (seen when the
	 * database server crashed mid-commit), and will not restart it; Crosswalk's steps can resume from there.
	 */
	@Test
	void aRunThatEndedUnknownResumes() {
		resumesAfterTheDatabaseLeft("UNKNOWN", "UNKNOWN");
	}

	/** Seen after a server crash too: the job's failure was recorded, its step's end was not. */
	@Test
	void aFailedRunWhoseStepIsStillMarkedStartedResumes() {
		resumesAfterTheDatabaseLeft("FAILED", "STARTED");
	}

	private void resumesAfterTheDatabaseLeft(String jobStatus, String stepStatus) {
		CommandRun first = reconcile();
		assertThat(first.exitCode()).as(first.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		// what Batch leaves when the database went away during the report step
		JdbcTemplate jdbc = database.jdbc();
		jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = ?, EXIT_CODE = ? WHERE STEP_NAME = 'reportStep'",
				stepStatus, stepStatus);
		jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = ?, EXIT_CODE = ?", jobStatus, jobStatus);

		CommandRun resume = CommandRun.of(CommandRun.concat(new String[] { "resume", "--input",
				population.input().toString(), "--graph-url", emulator.baseUrl(), "--business-file",
				population.businessFile().toString(), "--out", tmp.resolve("out").toString() }, database.options()));

		assertThat(resume.exitCode()).as(resume.toString()).isEqualTo(first.exitCode());
		assertThat(resume.out()).as("run 1 resumed in a second execution").contains("Crosswalk run 1 (execution 2)")
			.contains("COMPLETED");
		assertThat(jdbc.queryForList("SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'reportStep'"
				+ " ORDER BY STEP_EXECUTION_ID", String.class)).containsExactly("FAILED", "COMPLETED");
	}

	@Test
	void aDryRunCountsCallsWithoutMakingAny() {
		CommandRun run = reconcile("--dry-run");

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
		assertThat(run.out()).contains("A real run would make between");
		assertThat(emulator.counters().calls()).isZero();
	}

	private Map<String, String> personKeys() {
		Map<String, String> keys = new HashMap<>();
		database.jdbc().query("SELECT id_key, person_key FROM cw_identity", rs -> {
			keys.put(rs.getString(1), rs.getString(2));
		});
		return keys;
	}

	/** Graph answers only name IDs in the same business's apps and Pages as the ID asked about. */
	private boolean sameBusinessScope(ScopedId found, ScopedId candidate) {
		String businessOfFound = businessOf(found);
		return businessOfFound != null && businessOfFound.equals(businessOf(candidate));
	}

	private String businessOf(ScopedId id) {
		return id.type() == IdType.ASID
				? population.fixture().app(id.scopeId()).map(a -> a.businessId()).orElse(null)
				: population.fixture().page(id.scopeId()).map(p -> p.businessId()).orElse(null);
	}
}
