package com.crosswalk.job.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import com.crosswalk.sql.Database;

/**
 * On PostgreSQL, every text column of Crosswalk's tables compares bytewise (collation "C"). Its keys are IDs and
 * machine-made strings, not words, and a language collation gives them nothing but cost and risk: each B-tree
 * comparison becomes a locale call (glibc's {@code en_US} is many times slower than a byte compare), and an OS
 * upgrade that changes the locale's order silently corrupts the indexes built with it. "C" also sorts them as H2
 * does, which always compares by code unit and has nothing to change. All columns at once, so no join ever meets
 * two collations.
 */
public class V4__ByteOrderText extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		if (Database.of(connection) != Database.POSTGRESQL) {
			return;
		}
		Map<String, List<String>> alterations = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet columns = statement.executeQuery("""
						SELECT table_name, column_name, character_maximum_length FROM information_schema.columns
						WHERE table_schema = current_schema() AND table_name LIKE 'cw\\_%'
						AND data_type = 'character varying' ORDER BY table_name, ordinal_position""")) {
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
