package com.crosswalk.sql;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs an {@link Upsert} over many rows. H2 gets one {@code MERGE ... USING (VALUES ...)} a row in a JDBC batch.
 * PostgreSQL gets the rows by {@code COPY} into a temporary table and one {@code MERGE} from it: executing a
 * batched statement a row costs PostgreSQL more than the row itself (measured: 200,000 identity upserts took 43
 * CPU-seconds batched and 25 by COPY and one MERGE a 5,000 rows, against a million-row table).
 */
public final class UpsertWriter {

	private final JdbcTemplate jdbc;

	private final Database database;

	public UpsertWriter(JdbcTemplate jdbc, Database database) {
		this.jdbc = jdbc;
		this.database = database;
	}

	public Database database() {
		return database;
	}

	/** Writes the rows, each in the upsert's column order, in the caller's transaction. */
	public void write(Upsert upsert, List<Object[]> rows) {
		if (rows.isEmpty()) {
			return;
		}
		upsert.check(rows);
		if (database == Database.POSTGRESQL) {
			jdbc.execute((ConnectionCallback<Long>) connection -> copyThenMerge(connection, upsert, rows));
		}
		else {
			jdbc.batchUpdate(upsert.valuesSql(), rows);
		}
	}

	/** Outside a transaction the COPY and the MERGE commit each on its own; the temporary table outlives both. */
	private static long copyThenMerge(Connection connection, Upsert upsert, List<Object[]> rows) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			// emptied before, not at commit: one transaction (the merge step's) may write many slices
			statement.execute(upsert.createSourceSql() + "; TRUNCATE " + upsert.sourceTable());
			try {
				connection.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn(upsert.copySql(), new StringReader(copyText(rows)));
			}
			catch (IOException e) {
				throw new SQLException("COPY into " + upsert.sourceTable() + " failed: " + e.getMessage(), e);
			}
			// The temporary table has no statistics, and on estimates the planner hashed the whole target table for
			// each MERGE (a third of a second apiece at 300,000 rows, 30 s in one run) where probing its key index
			// a source row costs a few milliseconds in all: for this statement, a join by index it is.
			statement.execute("SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off");
			long merged = statement.executeLargeUpdate(upsert.fromSourceSql());
			statement.execute("SET LOCAL enable_hashjoin = DEFAULT; SET LOCAL enable_mergejoin = DEFAULT");
			return merged;
		}
	}

	/** PostgreSQL's COPY text format: tab-separated, {@code \N} for null, backslash escapes. */
	static String copyText(List<Object[]> rows) {
		StringBuilder text = new StringBuilder(rows.size() * 96);
		Times times = new Times();
		for (Object[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				if (i > 0) {
					text.append('\t');
				}
				appendValue(text, row[i], times);
			}
			text.append('\n');
		}
		return text.toString();
	}

	/**
	 * The text of the last time written. A slice's rows mostly share a handful of times (a chunk's import time, an
	 * answer's time), and formatting each again was the recorder's hottest frame after the escaping below.
	 */
	private static final class Times {

		private Instant last;

		private String lastText;

		String text(Instant instant) {
			if (!instant.equals(last)) {
				last = instant;
				lastText = instant.toString();
			}
			return lastText;
		}
	}

	private static void appendValue(StringBuilder text, Object value, Times times) {
		if (value == null) {
			text.append("\\N");
		}
		else if (value instanceof Timestamp timestamp) {
			text.append(times.text(timestamp.toInstant()));
		}
		else if (value instanceof Instant instant) {
			text.append(times.text(instant));
		}
		else if (value instanceof Number number) {
			text.append(number);
		}
		else {
			// copied a run at a time between the characters to escape: a char at a time it was the recorder's
			// hottest Java frame
			String s = value.toString();
			int from = 0;
			for (int i = 0; i < s.length(); i++) {
				String escaped = switch (s.charAt(i)) {
					case '\\' -> "\\\\";
					case '\t' -> "\\t";
					case '\n' -> "\\n";
					case '\r' -> "\\r";
					default -> null;
				};
				if (escaped != null) {
					text.append(s, from, i).append(escaped);
					from = i + 1;
				}
			}
			text.append(s, from, s.length());
		}
	}
}
