package com.crosswalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.identity.Tombstones;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

/** {@code forget} end to end: a person is deleted, stays deleted after the next run, and no value is kept anywhere. */
class ForgetCommandTests {

	@TempDir
	Path tmp;

	Population population;

	GraphEmulator emulator;

	TestDatabase database;

	@BeforeEach
	void reconcile() {
		population = Population.generate(tmp.resolve("population"), 150, 2, 3, 5L);
		emulator = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().build());
		database = TestDatabase.h2(tmp.resolve("db"));
		CommandRun run = reconcile("--crosswalk.lookup.reverify-after=7d");
		assertThat(run.exitCode()).as(run.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
	}

	@AfterEach
	void stop() {
		emulator.close();
	}

	@Test
	void forgottenPersonIsGoneEverywhereAndDoesNotComeBackOnTheNextRun() throws Exception {
		JdbcTemplate jdbc = database.jdbc();
		String person = jdbc.queryForObject("SELECT person_key FROM cw_identity WHERE id_type = 'customer'"
				+ " AND person_key IN (SELECT person_key FROM cw_identity GROUP BY person_key HAVING COUNT(*) >= 3)"
				+ " ORDER BY person_key FETCH FIRST 1 ROWS ONLY", String.class);
		List<Map<String, Object>> ids = jdbc.queryForList("SELECT id_key, id_type, scoped_id FROM cw_identity"
				+ " WHERE person_key = ?", person);
		String psid = ids.stream().filter(r -> r.get("id_type").equals("psid")).map(r -> r.get("scoped_id").toString())
			.findFirst().orElseThrow();
		List<String> values = new ArrayList<>(ids.stream().map(r -> r.get("scoped_id").toString()).toList());
		values.add(person);

		// Boot re-initialises logging when the command starts: the log is read from the file it writes
		Path logFile = tmp.resolve("forget.log");
		CommandRun forget = CommandRun.of(CommandRun.concat(new String[] { "forget", "--scoped-id", psid, "--out",
				tmp.resolve("out").toString(), "--logging.file.name=" + logFile }, database.options()));

		assertThat(forget.exitCode()).as(forget.toString()).isEqualTo(ExitCode.OK);
		assertThat(forget.out()).contains("Forgot 1 person(s): " + ids.size() + " identifier(s)");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_tombstone", Long.class)).isEqualTo(ids.size());
		assertNowhere(values, forget.out() + forget.err() + logText(logFile));
		assertThat(tombstoneHashes()).contains(Tombstones.hash(ids.get(0).get("id_key").toString()));

		// the CRM export still lists the person: the next run, looking every ID up again, must not add it back
		CommandRun rerun = reconcile("--crosswalk.lookup.reverify-after=0s");

		assertThat(rerun.exitCode()).as(rerun.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		assertThat(rerun.out()).containsPattern("forgotten\\s+[1-9]");
		assertNowhere(values, rerun.out() + rerun.err());
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_identity", Long.class)).isPositive();
	}

	@Test
	void forgetByCustomerIdAndNothingMatched() {
		String customer = database.jdbc().queryForObject("SELECT scoped_id FROM cw_identity WHERE id_type = 'customer'"
				+ " ORDER BY id_key FETCH FIRST 1 ROWS ONLY", String.class);

		CommandRun forget = CommandRun.of(CommandRun.concat(new String[] { "forget", "--customer-id", customer,
				"--out", tmp.resolve("out").toString() }, database.options()));
		CommandRun again = CommandRun.of(CommandRun.concat(new String[] { "forget", "--customer-id", customer,
				"--out", tmp.resolve("out").toString() }, database.options()));

		assertThat(forget.exitCode()).as(forget.toString()).isEqualTo(ExitCode.OK);
		assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM cw_identity WHERE scoped_id = ?", Long.class,
				customer)).isZero();
		assertThat(again.exitCode()).as(again.toString()).isEqualTo(ForgetCommand.NOTHING_MATCHED);
		assertThat(CommandRun.of("forget").exitCode()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(CommandRun.of("forget", "--help").out()).contains("Usage: ./run.sh forget");
	}

	@Test
	void forgetWaitsForARunInProgress() {
		String customer = database.jdbc().queryForObject("SELECT scoped_id FROM cw_identity WHERE id_type = 'customer'"
				+ " ORDER BY id_key FETCH FIRST 1 ROWS ONLY", String.class);
		// a live run holds the database: its heartbeat is fresh
		database.jdbc().update("INSERT INTO cw_run_lock (lock_name, owner, heartbeat_at) VALUES ('reconcile', ?, ?)",
				"12345@host (a reconcile run)", java.sql.Timestamp.from(java.time.Instant.now()));

		CommandRun forget = CommandRun.of(CommandRun.concat(new String[] { "forget", "--customer-id", customer,
				"--out", tmp.resolve("out").toString() }, database.options()));

		assertThat(forget.exitCode()).as(forget.toString()).isEqualTo(ExitCode.FAILED);
		assertThat(forget.err()).contains("Another Crosswalk run");
		assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM cw_identity WHERE scoped_id = ?", Long.class,
				customer)).isOne();
	}

	private CommandRun reconcile(String... extra) {
		return CommandRun.of(CommandRun.concat(new String[] { "reconcile", "--input", population.input().toString(),
				"--graph-url", emulator.baseUrl(), "--business-file", population.businessFile().toString(), "--out",
				tmp.resolve("out").toString() }, database.options(), extra));
	}

	/** No table (Crosswalk's or Spring Batch's), no output file and no given text holds any of the values. */
	private void assertNowhere(List<String> values, String text) throws Exception {
		for (String value : values) {
			assertThat(text).as("printed or logged").doesNotContain(value);
		}
		JdbcTemplate jdbc = database.jdbc();
		List<String> tables = jdbc.queryForList("SELECT table_name FROM information_schema.tables"
				+ " WHERE table_schema = 'PUBLIC'", String.class);
		assertThat(tables).contains("CW_IDENTITY", "CW_TOMBSTONE");
		for (String table : tables) {
			jdbc.query("SELECT * FROM \"" + table + "\"", rs -> {
				for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
					String cell = rs.getString(c);
					if (cell == null) {
						continue;
					}
					for (String value : values) {
						assertThat(cell).as("%s.%s", table, rs.getMetaData().getColumnName(c)).doesNotContain(value);
					}
				}
			});
		}
		try (Stream<Path> files = Files.list(tmp.resolve("out"))) {
			for (Path file : files.toList()) {
				String content = Files.readString(file);
				for (String value : values) {
					assertThat(content).as("%s", file.getFileName()).doesNotContain(value);
				}
			}
		}
	}

	private List<String> tombstoneHashes() {
		return database.jdbc().queryForList("SELECT value_hash FROM cw_tombstone", String.class);
	}

	private static String logText(Path logFile) throws Exception {
		String text = Files.readString(logFile);
		assertThat(text).as("the deletion is logged").contains("Privacy deletion: 1 person(s)");
		return text;
	}
}
