package com.crosswalk.reliability;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a finished run left behind, minus what legitimately differs between two runs of the same input (timestamps,
 * execution numbers, call counts, and which of a person's IDs was looked up and which was covered by its answer:
 * lanes run concurrently, so that split and the links' provenance depend on timing): the identity table, every
 * report, the run summary's counts and the row counts of the tables that must not lose or duplicate a row. Two runs
 * that equal each other here produced the same result.
 */
record RunOutputs(Map<String, String> personKeyById, Map<String, List<String>> reports, Map<String, Long> counts,
		Map<String, Long> tableRows) {

	/** Columns that hold a time: they differ between any two runs. */
	private static final Set<String> TIME_COLUMNS = Set.of("first_seen", "last_verified", "first_blocked_at",
			"retry_after", "failed_at", "merged_at");

	private static final List<String> REPORTS = List.of("identities.csv", "rejected-rows.csv",
			"blocked-pending-review.csv", "failed-auth.csv", "permission-denied.csv", "merge-log.csv");

	private static final List<String> SUMMARY_COUNTS = List.of("rows_read", "rows_accepted", "rows_rejected",
			"duplicate_rows_merged", "distinct_ids", "ids_blocked_pending_review", "ids_failed_auth", "ids_permission_denied", "ids_rejected_by_graph", "ids_unavailable",
			"ids_not_looked_up", "identifiers_in_table", "persons", "guard_violations");

	private static final List<String> TABLES = List.of("cw_staging", "cw_identity", "cw_reject",
			"cw_blocked", "cw_failed_auth", "cw_permission_denied", "cw_person", "cw_guard_violation");

	static RunOutputs read(JdbcTemplate jdbc, Path outDir) {
		Map<String, String> keys = new TreeMap<>();
		jdbc.query("SELECT id_key, person_key FROM cw_identity", rs -> {
			keys.put(rs.getString(1), rs.getString(2));
		});
		Map<String, List<String>> reports = new TreeMap<>();
		for (String report : REPORTS) {
			reports.put(report, withoutTimes(outDir.resolve(report)));
		}
		Map<String, Long> counts = new TreeMap<>();
		JsonNode summary = JsonMapper.builder().build().readTree(outDir.resolve("run-summary.json").toFile());
		for (String field : SUMMARY_COUNTS) {
			counts.put(field, summary.get(field).asLong());
		}
		// an ID verified by a run cut off before it (fresh) counts as it would have in that run: resolved or covered
		counts.put("ids_resolved_covered_or_fresh", summary.get("ids_resolved").asLong()
				+ summary.get("ids_covered_by_other_answers").asLong() + summary.get("ids_fresh_from_earlier_runs").asLong());
		Map<String, Long> rows = new TreeMap<>();
		for (String table : TABLES) {
			rows.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
		}
		return new RunOutputs(keys, reports, counts, rows);
	}

	private static List<String> withoutTimes(Path csv) {
		List<String> lines = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			List<CSVRecord> records = CSVFormat.DEFAULT.parse(reader).getRecords();
			if (records.isEmpty()) {
				return lines;
			}
			List<String> header = records.get(0).toList();
			for (CSVRecord record : records) {
				List<String> kept = new ArrayList<>();
				for (int i = 0; i < record.size(); i++) {
					if (!TIME_COLUMNS.contains(header.get(i))) {
						kept.add(record.get(i));
					}
				}
				lines.add(String.join("|", kept));
			}
			// merge-log rows are ordered by time; every other report has a total order without it
			lines.subList(1, lines.size()).sort(null);
			return lines;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
