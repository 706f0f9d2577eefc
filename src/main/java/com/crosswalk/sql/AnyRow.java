package com.crosswalk.sql;

import org.springframework.jdbc.core.JdbcTemplate;

/** Whether a table holds a row: reads at most one, on H2 and PostgreSQL alike. */
public final class AnyRow {

	private AnyRow() {
	}

	/**
	 * @param tableAndCondition a table, optionally followed by {@code WHERE ...} with placeholders for
	 * {@code arguments}
	 */
	public static boolean in(JdbcTemplate jdbc, String tableAndCondition, Object... arguments) {
		return !jdbc.queryForList("SELECT 1 FROM " + tableAndCondition + " FETCH FIRST 1 ROWS ONLY", Integer.class,
				arguments).isEmpty();
	}
}
