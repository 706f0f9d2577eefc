package com.crosswalk.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** The databases Crosswalk runs on: the one fact that chooses per-database SQL, read from the connection. */
public enum Database {

	H2, POSTGRESQL;

	public static Database of(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		return product.contains("postgres") ? POSTGRESQL : H2;
	}

	public static Database of(JdbcTemplate jdbc) {
		return jdbc.execute((ConnectionCallback<Database>) Database::of);
	}
}
