package com.crosswalk.job.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

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
		ByteOrderText.apply(context.getConnection());
	}
}
