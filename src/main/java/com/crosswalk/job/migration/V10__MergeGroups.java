package com.crosswalk.job.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import com.crosswalk.sql.Database;

/**
 * The merge step's scratch tables (see {@code identity.MergeGroups}): the identifiers whose links reach more than one
 * person key, those links as edges between keys, and the group each such key or identifier belongs to. Filled and emptied inside the merge's own
 * transaction, so they hold rows only while a merge runs. Unlogged on PostgreSQL: nothing in them outlives the step.
 */
public class V10__MergeGroups extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		boolean postgres = Database.of(context.getConnection()) == Database.POSTGRESQL;
		String create = postgres ? "CREATE UNLOGGED TABLE " : "CREATE TABLE ";
		try (Statement statement = context.getConnection().createStatement()) {
			statement.execute(create + "cw_merge_edge (a VARCHAR(220) NOT NULL, b VARCHAR(220) NOT NULL,"
					+ " PRIMARY KEY (a, b))");
			statement.execute(create + "cw_merge_label (node VARCHAR(220) PRIMARY KEY, label VARCHAR(220) NOT NULL)");
			statement.execute(create + "cw_merge_hub (node VARCHAR(220) PRIMARY KEY)");
		}
		ByteOrderText.apply(context.getConnection());
	}
}
