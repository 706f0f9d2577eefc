package com.crosswalk.job.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.crosswalk.sql.Database;

/**
 * Gives every text column of Crosswalk's tables that does not compare bytewise yet the collation "C", on PostgreSQL
 * (see {@link V4__ByteOrderText} for why). A migration that creates a table with text columns is followed by one that
 * applies this again, since the same SQL creates the table on H2, which has no collations to choose.
 */
final class ByteOrderText {

	private ByteOrderText() {
	}

	static void apply(Connection connection) throws SQLException {
		if (Database.of(connection) != Database.POSTGRESQL) {
			return;
		}
		Map<String, List<String>> alterations = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet columns = statement.executeQuery("""
						SELECT table_name, column_name, character_maximum_length FROM information_schema.columns
						WHERE table_schema = current_schema() AND table_name LIKE 'cw\\_%'
						AND data_type = 'character varying' AND collation_name IS DISTINCT FROM 'C'
						ORDER BY table_name, ordinal_position""")) {
			while (columns.next()) {
				alterations.computeIfAbsent(columns.getString(1), table -> new ArrayList<>())
					.add("ALTER COLUMN " + columns.getString(2) + " TYPE VARCHAR(" + columns.getInt(3)
							+ ") COLLATE \"C\"");
			}
		}
		try (Statement statement = connection.createStatement()) {
			for (Map.Entry<String, List<String>> table : alterations.entrySet()) {
				statement.execute("ALTER TABLE " + table.getKey() + " " + String.join(", ", table.getValue()));
			}
		}
	}
}
