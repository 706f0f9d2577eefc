package com.crosswalk.job.migration;

import java.sql.Connection;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import com.crosswalk.sql.Database;

/**
 * Creates Spring Batch's job repository tables from the script Spring Batch ships for this database, so Flyway
 * owns the whole schema (Boot's batch schema initializer is switched off: it cannot tell an existing file
 * database from a new one).
 */
public class V1__SpringBatchSchema extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		String platform = Database.of(connection) == Database.POSTGRESQL ? "postgresql" : "h2";
		ScriptUtils.executeSqlScript(connection,
				new ClassPathResource("org/springframework/batch/core/schema-" + platform + ".sql"));
	}
}
