package com.crosswalk.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.cli.ExitCode;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

/**
 * The other two ways data arrives: a customer table read through JDBC, and a wide CSV (one row per customer). Each
 * must give the same identity table as the long CSV of the same rows.
 */
class InputSourcesJobTests {

	@TempDir
	Path tmp;

	Population population;

	GraphEmulator emulator;

	@BeforeEach
	void setUp() {
		population = Population.generate(tmp.resolve("population"), 150, 2, 3, 11L, "--bad-rows-share", "0");
		emulator = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().build());
	}

	@AfterEach
	void tearDown() {
		emulator.close();
	}

	@Test
	void aCustomerTableReadThroughJdbcGivesTheSameIdentitiesAsItsCsvExport() throws IOException {
		TestDatabase fromCsv = TestDatabase.h2(tmp.resolve("csv"));
		CommandRun csvRun = reconcile(fromCsv, "--input", population.input().toString());
		assertThat(csvRun.exitCode()).as(csvRun.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);

		TestDatabase crm = TestDatabase.h2(tmp.resolve("crm"));
		JdbcTemplate jdbc = crm.jdbc();
		jdbc.execute("CREATE TABLE customers (row_id INT PRIMARY KEY, customer_id VARCHAR(40), id_type VARCHAR(8),"
				+ " scope_id VARCHAR(32), scoped_id VARCHAR(32))");
		List<CSVRecord> rows = records(population.input());
		for (int i = 0; i < rows.size(); i++) {
			CSVRecord r = rows.get(i);
			jdbc.update("INSERT INTO customers VALUES (?, ?, ?, ?, ?)", i + 1, r.get("customer_id"), r.get("id_type"),
					r.get("scope_id"), r.get("scoped_id"));
		}
		TestDatabase fromTable = TestDatabase.h2(tmp.resolve("table"));
		CommandRun tableRun = reconcile(fromTable, "--jdbc-url", crm.url(), "--jdbc-user", crm.user(), "--jdbc-query",
				"SELECT customer_id, id_type, scope_id, scoped_id, row_id FROM customers ORDER BY row_id",
				"--crosswalk.input.jdbc.key-column=row_id");

		assertThat(tableRun.exitCode()).as(tableRun.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		assertThat(identities(fromTable)).isEqualTo(identities(fromCsv)).isNotEmpty();
	}

	@Test
	void aWideExportGivesTheSameIdentitiesAsTheLongOne() throws IOException {
		TestDatabase fromLong = TestDatabase.h2(tmp.resolve("long"));
		CommandRun longRun = reconcile(fromLong, "--input", population.input().toString());
		assertThat(longRun.exitCode()).as(longRun.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);

		Path wide = tmp.resolve("wide.csv");
		Files.writeString(wide, toWide(records(population.input())), StandardCharsets.UTF_8);
		TestDatabase fromWide = TestDatabase.h2(tmp.resolve("wide"));
		CommandRun wideRun = reconcile(fromWide, "--input", wide.toString(), "--layout", "wide");

		assertThat(wideRun.exitCode()).as(wideRun.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		assertThat(identities(fromWide)).isEqualTo(identities(fromLong)).isNotEmpty();
	}

	private CommandRun reconcile(TestDatabase database, String... input) {
		return CommandRun.of(CommandRun.concat(new String[] { "reconcile", "--graph-url", emulator.baseUrl(),
				"--business-file", population.businessFile().toString(), "--out",
				tmp.resolve("out-" + database.url().hashCode()).toString() }, database.options(), input));
	}

	private static Map<String, String> identities(TestDatabase database) {
		Map<String, String> keys = new LinkedHashMap<>();
		database.jdbc().query("SELECT id_key, person_key FROM cw_identity ORDER BY id_key", rs -> {
			keys.put(rs.getString(1), rs.getString(2));
		});
		return keys;
	}

	private static List<CSVRecord> records(Path csv) throws IOException {
		try (Reader reader = Files.newBufferedReader(csv)) {
			return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

	/** One row per customer_id: its first PSID and first ASID in the conventional columns, the rest numbered. */
	private static String toWide(List<CSVRecord> rows) {
		Map<String, List<CSVRecord>> byCustomer = new LinkedHashMap<>();
		int anonymous = 0;
		for (CSVRecord r : rows) {
			String customer = r.get("customer_id").isEmpty() ? "anon-" + anonymous++ : r.get("customer_id");
			byCustomer.computeIfAbsent(customer, c -> new ArrayList<>()).add(r);
		}
		int psids = byCustomer.values().stream().mapToInt(l -> (int) l.stream().filter(r -> r.get("id_type").equals("psid")).count()).max().orElse(1);
		int asids = byCustomer.values().stream().mapToInt(l -> (int) l.stream().filter(r -> r.get("id_type").equals("asid")).count()).max().orElse(1);
		StringBuilder out = new StringBuilder("customer_id");
		for (int i = 1; i <= psids; i++) {
			out.append(i == 1 ? ",psid,page_id" : ",psid_" + i + ",page_id_" + i);
		}
		for (int i = 1; i <= asids; i++) {
			out.append(i == 1 ? ",asid,app_id" : ",asid_" + i + ",app_id_" + i);
		}
		out.append('\n');
		byCustomer.forEach((customer, list) -> {
			out.append(customer.startsWith("anon-") ? "" : customer);
			appendPairs(out, list, "psid", psids);
			appendPairs(out, list, "asid", asids);
			out.append('\n');
		});
		return out.toString();
	}

	private static void appendPairs(StringBuilder out, List<CSVRecord> list, String type, int width) {
		List<CSVRecord> ofType = list.stream().filter(r -> r.get("id_type").equals(type)).toList();
		for (int i = 0; i < width; i++) {
			if (i < ofType.size()) {
				out.append(',').append(ofType.get(i).get("scoped_id")).append(',').append(ofType.get(i).get("scope_id"));
			}
			else {
				out.append(",,");
			}
		}
	}
}
