package com.crosswalk.job.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** The text columns of the workers' tables (V11: cw_worker, cw_worker_calls, cw_scope_calls) compare bytewise too. */
public class V12__ByteOrderTextOfWorkerTables extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		ByteOrderText.apply(context.getConnection());
	}
}
