package com.crosswalk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.crosswalk.cli.ExitCode;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.graph.BusinessCredentials;
import com.crosswalk.graph.BusinessCredentialsLoader;
import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

/**
 * The files real exports produce, through the real job ({@code ./run.sh reconcile}, in-process): every bad line ends
 * in rejected-rows.csv naming its line and the reason, a file that cannot be read at all gives one line that says
 * what to fix, never a stack trace, and the good rows around the bad ones are looked up and merged as usual.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputReliabilityTests {

	@TempDir
	static Path tmp;

	Population population;

	BusinessCredentials business;

	GraphEmulator emulator;

	TestDatabase database;

	List<ScopedId> good;

	int runs;

	@BeforeAll
	void setUp() {
		population = Population.generate(tmp.resolve("population"), 200, 3, 4, 23L);
		business = BusinessCredentialsLoader.load(population.businessFile(), Map.of());
		emulator = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().build());
		good = new ArrayList<>();
		for (int person = 0; good.size() < 8; person++) {
			population.fixture().idsOfPerson(person).stream().filter(business::knowsScope)
				.filter(id -> !isUnderReview(id)).limit(1).forEach(good::add);
		}
	}

	@AfterAll
	void tearDown() {
		emulator.close();
	}

	@Test
	void badLinesAreRejectedWithTheirLineAndReasonAndTheGoodRowsStillResolve() throws Exception {
		String page = good.stream().filter(id -> id.type() == IdType.PSID).findFirst().orElseThrow().scopeId();
		ByteArrayOutputStream file = new ByteArrayOutputStream();
		// line 1
		write(file, "customer_id,id_type,scope_id,scoped_id\n");
		write(file, row("g1", good.get(0)) + "\n");                                  // 2
		write(file, "b3,psid," + page + ",\"1234\n");                                // 3 unbalanced quote
		write(file, row("g2", good.get(1)) + "\r\n");                                // 4 (CRLF)
		write(file, "b5,psid," + page + ",1234 5678\n");                             // 5 space inside the ID
		write(file, "b6,psid," + page + ",+" + good.get(2).id() + "\n");             // 6 sign
		write(file, "b7,psid," + page + ",-5\n");                                    // 7 negative
		write(file, "b8,psid," + page + ",00" + good.get(2).id() + "\n");            // 8 leading zeros
		write(file, "b9,psid," + page + ",1.01524E+16\r\n");                         // 9 scientific notation
		write(file, "b10,psid," + page + ",1234567890123456789012345\n");           // 10 25 digits
		write(file, row("g3", good.get(2)) + "\n");                                  // 11
		write(file, row("g3", good.get(2)) + "\n");                                  // 12 duplicate row (merged)
		write(file, "b13,psid," + page + ",1; DROP TABLE cw_identity; --\n");        // 13 SQL as the ID
		write(file, row("x'); DROP TABLE cw_staging;--", good.get(3)) + "\n");       // 14 SQL as customer_id (good)
		file.write(("b15,psid," + page + ",12").getBytes(StandardCharsets.UTF_8));   // 15 invalid UTF-8
		file.write(new byte[] { (byte) 0xff, (byte) 0xfe, (byte) 0xc3 });
		write(file, "\n");
		write(file, "b16,psid," + page + ",");                                       // 16 a 10 MB line
		write(file, "7".repeat(10 * 1024 * 1024) + "\n");
		write(file, row("g4", good.get(4)) + "\r\n");                                // 17
		write(file, "b18,psid," + page + "\n");                                      // 18 a column missing
		write(file, row("g5", good.get(5)) + "\n");                                  // 19
		write(file, "b20;psid;" + page + ";" + good.get(6).id() + "\n");             // 20 wrong delimiter
		write(file, row("g6", good.get(7)));                                         // 21, no final newline
		Path input = tmp.resolve("hostile.csv");
		Files.write(input, file.toByteArray());
		int[] badLines = { 3, 5, 6, 7, 8, 9, 10, 13, 15, 16, 18, 20 };
		// the ID of line 20 appears only in that badly delimited line
		List<ScopedId> goodRows = List.of(good.get(0), good.get(1), good.get(2), good.get(3), good.get(4), good.get(5),
				good.get(7));

		CommandRun run = reconcile(input);

		assertThat(run.exitCode()).as(run.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		assertNoStackTrace(run);
		List<String> rejects = Files.readAllLines(outDir().resolve("rejected-rows.csv"));
		for (int line : badLines) {
			assertThat(rejects).as("rejected-rows.csv names line %d", line)
				.anySatisfy(r -> assertThat(r).startsWith("INPUT,hostile.csv line " + line + ","));
		}
		assertThat(rejects).as("one reject row per bad line, with a reason").hasSize(badLines.length + 1)
			.allSatisfy(r -> assertThat(r.length()).as("a reject row stays readable").isLessThan(2_000));
		for (ScopedId id : goodRows) {
			assertThat(database.jdbc().queryForList("SELECT status FROM cw_staging WHERE id_key = ?", String.class,
					id.toString())).as("status of good ID %s; rejects: %s", id, rejects)
				.singleElement().isIn("RESOLVED", "COVERED");
		}
		assertThat(database.jdbc().queryForObject("SELECT customer_id FROM cw_staging WHERE id_key = ?",
				String.class, good.get(3).toString())).as("a SQL-looking customer_id is kept as text")
			.isEqualTo("x'); DROP TABLE cw_staging;--");
		assertThat(run.out()).contains("1 duplicate rows merged");
		Figures.record("hostile.badLines", badLines.length);
	}

	@Test
	void aFileThatCannotBeReadGivesOneLineSayingWhatToFix() throws Exception {
		String goodRow = row("g1", good.get(0));
		Map<String, byte[]> files = Map.of(
				"empty.csv", new byte[0],
				"semicolons.csv", ("customer_id;id_type;scope_id;scoped_id\n" + goodRow.replace(',', ';') + "\n")
					.getBytes(StandardCharsets.UTF_8),
				"no-id-column.csv", ("customer_id,id_type,scope_id\ng1,psid,123\n").getBytes(StandardCharsets.UTF_8),
				"binary.csv", new byte[] { 0x50, 0x4b, 0x03, 0x04, 0, 0, (byte) 0xff, (byte) 0xfe, 0x0a, 0x01 });
		for (Map.Entry<String, byte[]> bad : files.entrySet()) {
			Path input = tmp.resolve(bad.getKey());
			Files.write(input, bad.getValue());

			// a semicolon export is read as it is (docs/input-formats.md); with ',' given it cannot be read
			CommandRun run = bad.getKey().equals("semicolons.csv") ? reconcile(input, "--delimiter", ",")
					: reconcile(input);

			assertThat(run.exitCode()).as("%s: %s", bad.getKey(), run).isEqualTo(ExitCode.BAD_CONFIGURATION);
			assertNoStackTrace(run);
			assertThat(run.err().lines().filter(l -> !l.isBlank()).toList()).as("%s: %s", bad.getKey(), run)
				.singleElement().asString().startsWith("crosswalk: ").contains(bad.getKey());
		}
		Figures.record("hostile.unreadableFiles", files.size());
	}

	/**
	 * Spring Batch logs a failed step with its stack trace (AbstractStep, ERROR): that goes to the run's log file in
	 * the output folder, and the console shows only the one line.
	 */
	@Test
	void anEmptyFileOrAWrongDelimiterPrintsOneLineAndLeavesTheStackTraceInTheLogFile() throws Exception {
		Path empty = tmp.resolve("nothing.csv");
		Files.write(empty, new byte[0]);
		Path commas = tmp.resolve("commas.csv");
		Files.writeString(commas, "customer_id,id_type,scope_id,scoped_id\n" + row("g1", good.get(0)) + "\n");
		for (CommandRun run : List.of(reconcile(empty), reconcile(commas, "--delimiter", ";"))) {
			assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.BAD_CONFIGURATION);
			assertNoStackTrace(run);
			assertThat(run.err().lines().filter(l -> !l.isBlank()).toList()).as(run.toString())
				.singleElement().asString().startsWith("crosswalk: ");
			assertThat(run.out() + run.console()).as(run.toString()).doesNotContain("ERROR");
			String log = Files.readString(outDir().resolve("crosswalk.log"));
			assertThat(log).as("the run's log file").contains("Encountered an error executing step", "\tat ",
					"InputFormatException");
		}

		// as Main's usage says: --debug prints the stack traces on the console too
		CommandRun debug = reconcile(empty, "--debug");
		assertThat(debug.exitCode()).as(debug.toString()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(debug.console()).as(debug.toString()).contains("Encountered an error executing step", "\tat ");
	}

	@Test
	void aByteOrderMarkAndAHeaderOnlyFileAreNotErrors() throws Exception {
		Path bom = tmp.resolve("bom.csv");
		Files.write(bom, ("\uFEFFcustomer_id,id_type,scope_id,scoped_id\r\n" + row("g1", good.get(0)) + "\r\n")
			.getBytes(StandardCharsets.UTF_8));
		CommandRun withBom = reconcile(bom);
		assertThat(withBom.exitCode()).as(withBom.toString()).isEqualTo(ExitCode.OK);
		assertThat(withBom.out()).contains("rows read", "accepted 1 + rejected 0");

		Path headerOnly = tmp.resolve("header-only.csv");
		Files.writeString(headerOnly, "customer_id,id_type,scope_id,scoped_id\n");
		CommandRun empty = reconcile(headerOnly);
		assertThat(empty.exitCode()).as(empty.toString()).isEqualTo(ExitCode.OK);
		assertNoStackTrace(empty);
		assertThat(empty.out()).contains("rows read").contains("0 = accepted 0 + rejected 0");
		Figures.record("hostile.acceptedOddFiles", 2);
	}

	/** Each file on a fresh database, so no ID is fresh from an earlier case. */
	private CommandRun reconcile(Path input, String... extra) {
		runs++;
		database = TestDatabase.h2(tmp.resolve("db-" + runs));
		return CommandRun.of(CommandRun.concat(new String[] { "reconcile", "--input", input.toString(), "--graph-url",
				emulator.baseUrl(), "--business-file", population.businessFile().toString(), "--out",
				outDir().toString() }, database.options(), extra));
	}

	private Path outDir() {
		return tmp.resolve("out-" + runs);
	}

	static void assertNoStackTrace(CommandRun run) {
		assertThat(run.out() + run.err() + run.console()).as(run.toString())
			.doesNotContain("\tat ", "Exception:", "Exception\n", "Caused by");
	}

	private boolean isUnderReview(ScopedId id) {
		return population.fixture().app(id.type() == IdType.ASID ? id.scopeId()
				: population.fixture().page(id.scopeId()).orElseThrow().appId())
			.map(app -> app.review() != null && app.review() != com.crosswalk.emulator.Fixture.Review.APPROVED)
			.orElse(false);
	}

	private static String row(String customer, ScopedId id) {
		return customer + "," + id.type().wireName() + "," + id.scopeId() + "," + id.id();
	}

	private static void write(ByteArrayOutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
	}
}
