package com.crosswalk.job.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** The text columns of the answer log (V13: cw_identity_log, cw_link_log) compare bytewise too. */
public class V14__ByteOrderTextOfAnswerLog extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		ByteOrderText.apply(context.getConnection());
	}
}
