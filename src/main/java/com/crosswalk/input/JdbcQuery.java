package com.crosswalk.input;

import java.util.Objects;

/**
 * A customer-table query to read input rows from.
 *
 * @param label how the source is named in messages and rejected-row positions (never the JDBC URL, which may
 * carry credentials)
 * @param sql the query, run as given with no parameters; its result columns are matched by label against the
 * {@link ColumnMapping}
 * @param keyColumn result column that identifies a row for the report (e.g. the primary key); null to use the
 * row number. It should give a stable order ({@code ORDER BY} it) if runs are to be resumed with
 * {@link InputRowReader#skipTo(long)}.
 * @param fetchSize rows fetched per round trip
 */
public record JdbcQuery(String label, String sql, String keyColumn, int fetchSize) {

	public static final int DEFAULT_FETCH_SIZE = 1000;

	public JdbcQuery {
		Objects.requireNonNull(label, "label");
		Objects.requireNonNull(sql, "sql");
		if (sql.isBlank()) {
			throw new IllegalArgumentException("the input query is empty");
		}
		if (fetchSize <= 0) {
			fetchSize = DEFAULT_FETCH_SIZE;
		}
	}

	public static JdbcQuery of(String sql) {
		return new JdbcQuery("query", sql, null, DEFAULT_FETCH_SIZE);
	}
}
