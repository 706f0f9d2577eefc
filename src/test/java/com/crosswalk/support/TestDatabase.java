package com.crosswalk.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A fresh, empty database for one test: an H2 file in a temp folder, or a new database in embedded PostgreSQL. */
public record TestDatabase(String url, String user, String password) {

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private static EmbeddedPostgres postgres;

	public static TestDatabase h2(Path dir) {
		return new TestDatabase("jdbc:h2:file:" + dir.resolve("crosswalk").toAbsolutePath(), "sa", "");
	}

	/** A new H2 file under {@code dir} and a new embedded PostgreSQL database: for what must hold on both. */
	public static Stream<TestDatabase> both(Path dir) {
		return Stream.of(h2(dir.resolve("h2-" + System.nanoTime())), postgres());
	}

	/** One embedded PostgreSQL (binaries 18) per test JVM; a new database per call. */
	public static synchronized TestDatabase postgres() {
		try {
			if (postgres == null) {
				postgres = EmbeddedPostgres.builder().start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						postgres.close();
					}
					catch (Exception ignored) {
						// the JVM is going away
					}
				}));
			}
			String name = "crosswalk_" + COUNTER.incrementAndGet();
			try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
				s.execute("CREATE DATABASE " + name);
			}
			return new TestDatabase(postgres.getJdbcUrl("postgres", name), "postgres", "postgres");
		}
		catch (Exception e) {
			throw new IllegalStateException("Cannot start embedded PostgreSQL: " + e.getMessage(), e);
		}
	}

	public boolean isPostgres() {
		return url.startsWith("jdbc:postgresql:");
	}

	public DataSource dataSource() {
		return new DriverManagerDataSource(url, user, password);
	}

	public JdbcTemplate jdbc() {
		return new JdbcTemplate(dataSource());
	}

	/** The options that point a command at this database. */
	public String[] options() {
		return new String[] { "--db-url", url, "--db-user", user, "--spring.datasource.password=" + password };
	}

	/** Creates Crosswalk's schema as the application does (Flyway, both migration locations). */
	public TestDatabase migrated() {
		Flyway.configure()
			.dataSource(dataSource())
			.locations("classpath:db/migration", "classpath:com/crosswalk/job/migration")
			.load()
			.migrate();
		return this;
	}

	public void check() throws SQLException {
		try (Connection ignored = dataSource().getConnection()) {
			// reachable
		}
	}
}
