package com.crosswalk.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a scenario's job keeps its data: an H2 file in the scenario's directory (the embedded default), or a
 * database of its own on a PostgreSQL server, {@code crosswalk_bench_<scenario>}, dropped and created afresh when the
 * scenario starts. The server's password comes from {@code SPRING_DATASOURCE_PASSWORD}, which the job reads too, so
 * it never sits on a command line.
 */
final class BenchDatabase {

	private static final Pattern POSTGRES_URL = Pattern.compile("(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?");

	static final String PASSWORD_VARIABLE = "SPRING_DATASOURCE_PASSWORD";

	private final Matcher server;

	private final String user;

	private final String label;

	private BenchDatabase(Matcher server, String user, String label) {
		this.server = server;
		this.user = user;
		this.label = label;
	}

	static BenchDatabase h2() {
		return new BenchDatabase(null, null, "H2 file (embedded default)");
	}

	/** @param serverUrl {@code jdbc:postgresql://host[:port]/database}: any database the user may connect to */
	static BenchDatabase postgres(String serverUrl, String user) {
		Matcher server = server(serverUrl);
		return new BenchDatabase(server, user, "PostgreSQL at " + hostAndPort(server));
	}

	/** The server {@code --postgres embedded} started. */
	static BenchDatabase embeddedPostgres(String serverUrl, String user) {
		Matcher server = server(serverUrl);
		return new BenchDatabase(server, user, "the bench's own PostgreSQL at " + hostAndPort(server));
	}

	private static Matcher server(String serverUrl) {
		Matcher matcher = POSTGRES_URL.matcher(serverUrl);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("--postgres must be embedded, none or a URL like"
					+ " jdbc:postgresql://localhost:5432/postgres; was " + serverUrl);
		}
		return matcher;
	}

	private static String hostAndPort(Matcher server) {
		return server.group(1).substring("jdbc:postgresql://".length()).replace("/", "");
	}

	String label() {
		return label;
	}

	/** The jobs' own default database, an H2 file per scenario, whose speed targets are lower than PostgreSQL's. */
	boolean isH2File() {
		return server == null;
	}

	/**
	 * The job's options naming the database of the scenario kept in {@code dir}; {@code fresh} starts it empty, even
	 * where an earlier bench run left one.
	 */
	List<String> jobOptions(Path dir, boolean fresh) throws IOException {
		List<String> options = new ArrayList<>();
		if (server == null) {
			Path files = dir.resolve("db").toAbsolutePath();
			if (fresh) {
				LeftoverDirectory.remove(files);
			}
			options.add("--db-url");
			options.add("jdbc:h2:file:" + files.resolve("crosswalk"));
			return options;
		}
		String database = "crosswalk_bench_" + dir.getFileName().toString().replaceAll("[^A-Za-z0-9_]", "_");
		if (fresh) {
			recreate(database);
		}
		options.add("--db-url");
		options.add(server.group(1) + database + (server.group(3) == null ? "" : server.group(3)));
		if (user != null) {
			options.add("--db-user");
			options.add(user);
		}
		return options;
	}

	/**
	 * The label with, on PostgreSQL, the server's version and the settings that move the figures most: at a million
	 * IDs the job's tables outgrow the default 128 MB of shared buffers, and the same run took a third longer (see
	 * docs/benchmarks.md). Figures from servers set up differently are not comparable.
	 */
	String description() {
		if (server == null) {
			return label();
		}
		try (Connection connection = connect(); Statement statement = connection.createStatement();
				ResultSet settings = statement.executeQuery("SELECT current_setting('server_version'),"
						+ " current_setting('shared_buffers'), current_setting('max_wal_size'),"
						+ " current_setting('fsync'), current_setting('synchronous_commit')")) {
			settings.next();
			return label() + " (PostgreSQL " + settings.getString(1) + ", shared_buffers " + settings.getString(2)
					+ ", max_wal_size " + settings.getString(3) + ", fsync " + settings.getString(4)
					+ ", synchronous_commit " + settings.getString(5) + ")";
		}
		catch (SQLException ex) {
			return label() + " (settings unreadable: " + ex.getMessage() + ")";
		}
	}

	/**
	 * The server's main process, when it runs on this machine (PostgreSQL's postmaster: the parent of this
	 * connection's backend), so that the bench can report its CPU; -1 on H2, which runs inside the job JVM, and for a
	 * server elsewhere (or in a container of its own).
	 */
	long serverPid() {
		if (server == null) {
			return -1;
		}
		try (Connection connection = connect(); Statement statement = connection.createStatement();
				ResultSet backend = statement.executeQuery("SELECT pg_backend_pid()")) {
			backend.next();
			long postmaster = CpuTimes.parent(backend.getLong(1), "postgres");
			return postmaster > 0 && CpuTimes.parent(postmaster, "postgres") >= 0 ? postmaster : -1;
		}
		catch (SQLException ex) {
			return -1;
		}
	}

	/** Why the database's CPU has no figure of its own, or null when it has: see {@link #serverPid()}. */
	String cpuNotMeasured(long serverPid) {
		if (server == null) {
			return "H2 runs inside the job JVM: the database's CPU is in the job's";
		}
		return serverPid < 0 ? "the PostgreSQL server is not a process of this machine: its CPU is not measured" : null;
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(server.group(0), user, System.getenv(PASSWORD_VARIABLE));
	}

	private void recreate(String database) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create database " + database + " on " + label() + ": "
					+ ex.getMessage(), ex);
		}
	}
}
