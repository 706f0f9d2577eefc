package com.crosswalk.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * The files data engineers load elsewhere, streamed from the tables (never held in memory). Each file is written
 * under a temporary name and moved into place, so a reader never sees half a file.
 */
public class CsvExports {

	static final String IDENTITIES = "identities.csv";

	static final String BLOCKED = "blocked-pending-review.csv";

	static final String REJECTED = "rejected-rows.csv";

	static final String FAILED_AUTH = "failed-auth.csv";

	static final String PERMISSION_DENIED = "permission-denied.csv";

	static final String MERGE_LOG = "merge-log.csv";

	private final JdbcTemplate streaming;

	public CsvExports(JdbcTemplate jdbc) {
		this.streaming = new JdbcTemplate(jdbc.getDataSource());
		this.streaming.setFetchSize(10_000);
	}

	public void writeAll(Path dir, long instanceId) {
		rewriteIdentities(dir);
		export(dir.resolve(BLOCKED), "SELECT id_type, scope_id, scoped_id, customer_id, code, message, first_blocked_at,"
				+ " retry_after FROM cw_blocked ORDER BY scope_id, scoped_id");
		export(dir.resolve(REJECTED), "SELECT stage, position, field, raw_value, reason, customer_id, code"
				+ " FROM cw_reject WHERE instance_id = ? ORDER BY stage, position, ordinal", instanceId);
		exportScopeRefusals(dir.resolve(FAILED_AUTH), "cw_failed_auth");
		exportScopeRefusals(dir.resolve(PERMISSION_DENIED), "cw_permission_denied");
		export(dir.resolve(MERGE_LOG), "SELECT from_key, to_key, evidence, merged_at FROM cw_merge_log"
				+ " ORDER BY merged_at, from_key");
	}

	/**
	 * Every export again, from the tables as they are now (after a privacy deletion): rejected-rows.csv holds the
	 * latest run's rejects, as the run itself wrote it.
	 */
	public void rewriteAll(Path dir) {
		Long latest = streaming.queryForObject("SELECT MAX(JOB_INSTANCE_ID) FROM BATCH_JOB_INSTANCE", Long.class);
		writeAll(dir, latest == null ? -1 : latest);
	}

	/** The identity table as identities.csv: exactly person_key,id_type,scope_id,scoped_id first. */
	public void rewriteIdentities(Path dir) {
		export(dir.resolve(IDENTITIES), "SELECT person_key, id_type, scope_id, scoped_id, first_seen, last_verified"
				+ " FROM cw_identity WHERE person_key IS NOT NULL ORDER BY person_key, id_type, scope_id, scoped_id");
	}

	/** The IDs of scopes closed for an answer that holds for all their IDs; one file per kind, the same columns. */
	private void exportScopeRefusals(Path file, String table) {
		export(file, "SELECT id_type, scope_id, scoped_id, customer_id, code, subcode, message, failed_at FROM " + table
				+ " ORDER BY scope_id, scoped_id");
	}

	private void export(Path file, String sql, Object... args) {
		Path partial = file.resolveSibling(file.getFileName() + ".partial");
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
					CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
				streaming.query(sql, (ResultSetExtractor<Void>) rs -> {
					try {
						printHeader(printer, rs.getMetaData());
						while (rs.next()) {
							printer.printRecord(rowValues(rs));
						}
					}
					catch (IOException e) {
						throw new UncheckedIOException(e);
					}
					return null;
				}, args);
			}
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
		}
	}

	private static void printHeader(CSVPrinter printer, ResultSetMetaData meta) throws IOException {
		try {
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				printer.print(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
			}
			printer.println();
		}
		catch (SQLException e) {
			throw new IOException(e);
		}
	}

	private static Object[] rowValues(ResultSet rs) throws SQLException {
		int n = rs.getMetaData().getColumnCount();
		Object[] values = new Object[n];
		for (int i = 0; i < n; i++) {
			Object value = rs.getObject(i + 1);
			values[i] = value instanceof Timestamp t ? t.toInstant().toString() : value;
		}
		return values;
	}
}
