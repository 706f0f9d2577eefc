package com.crosswalk.job.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import com.crosswalk.sql.Database;

/**
 * On PostgreSQL the staging table is unlogged: it holds one run's copy of its input, which the input itself can
 * always rebuild, and every row of it is written three times in a run (imported, planned, answered). Without the
 * write-ahead log a million-ID run wrote 2.0 GB of WAL instead of 5.7 GB and took 12 % less time.
 * <p>
 * The price: after a server crash (or on a promoted standby) PostgreSQL empties unlogged tables. The launcher
 * notices a run whose staged input is gone and starts a new run of the same input instead of resuming it
 * ({@code ReconcileLauncher}); nothing that run had learnt is lost, as every answer is in the logged tables. H2 has
 * no such switch; this migration does nothing there.
 */
public class V5__UnloggedStaging extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		if (Database.of(context.getConnection()) != Database.POSTGRESQL) {
			return;
		}
		try (Statement statement = context.getConnection().createStatement()) {
			statement.execute("ALTER TABLE cw_staging SET UNLOGGED");
		}
	}
}
