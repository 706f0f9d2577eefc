package com.crosswalk.job.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** The text columns of the tables created after V4 ({@code cw_permission_denied}, V6) compare bytewise too. */
public class V8__ByteOrderTextOfNewTables extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		ByteOrderText.apply(context.getConnection());
	}
}
