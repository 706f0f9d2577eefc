package com.crosswalk.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Shrinks an embedded H2 database file once a run has closed its pool. H2 writes every change to fresh space and
 * seldom gives the old space back: a 197,228-ID run left a 4.2 GB file around 92 MB of live data (fill rate 7 %), and
 * neither a longer retention nor close-time compaction shrank it; {@code SHUTDOWN COMPACT} rewrites the live data into
 * a new file (6.5 s for that run). PostgreSQL, in-memory and server-mode H2 databases are left alone: others may be
 * using them.
 */
public final class H2FileCompaction {

	private final String url;

	private final String user;

	private final String password;

	private final Path file;

	private H2FileCompaction(String url, String user, String password, Path file) {
		this.url = url;
		this.user = user;
		this.password = password;
		this.file = file;
	}

	/** The compaction for the pool's database, if it is an H2 file only this process opens. */
	public static Optional<H2FileCompaction> of(DataSource dataSource) {
		if (!(dataSource instanceof HikariDataSource hikari)) {
			return Optional.empty();
		}
		return fileOf(hikari.getJdbcUrl())
			.map(file -> new H2FileCompaction(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword(), file));
	}

	/** The {@code .mv.db} file an embedded H2 URL names; empty for any other URL. */
	static Optional<Path> fileOf(String url) {
		if (url == null || !url.startsWith("jdbc:h2:")) {
			return Optional.empty();
		}
		String[] parts = url.substring("jdbc:h2:".length()).split(";");
		String path = parts[0];
		for (int i = 1; i < parts.length; i++) {
			if (parts[i].toUpperCase(Locale.ROOT).replace(" ", "").equals("AUTO_SERVER=TRUE")) {
				return Optional.empty();
			}
		}
		String lower = path.toLowerCase(Locale.ROOT);
		if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:") || lower.startsWith("zip:")
				|| lower.startsWith("memfs:") || lower.startsWith("memlzf:")) {
			return Optional.empty();
		}
		if (lower.startsWith("file:")) {
			path = path.substring("file:".length());
		}
		if (path.startsWith("~")) {
			path = System.getProperty("user.home") + path.substring(1);
		}
		return Optional.of(Path.of(path + ".mv.db"));
	}

	/**
	 * Rewrites the file; returns its size before and after. Call it after the pool has closed: the statement closes the
	 * database for every connection.
	 */
	public Sizes compact() throws SQLException {
		long before = sizeOf(file);
		try (Connection connection = DriverManager.getConnection(url, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("SHUTDOWN COMPACT");
		}
		return new Sizes(before, sizeOf(file));
	}

	public Path file() {
		return file;
	}

	/** The file's size in bytes; 0 when it is not there or cannot be read. */
	static long sizeOf(Path file) {
		try {
			return Files.exists(file) ? Files.size(file) : 0;
		}
		catch (IOException e) {
			return 0;
		}
	}

	/** The file's size in bytes before and after compaction. */
	public record Sizes(long before, long after) {

		/** "4.5 GB -> 97 MB" */
		@Override
		public String toString() {
			return readable(before) + " -> " + readable(after);
		}
	}

	/** "4.5 GB", "97 MB", "12 bytes" */
	static String readable(long bytes) {
		String[] units = { "bytes", "KB", "MB", "GB", "TB" };
		double value = bytes;
		int unit = 0;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return unit == 0 || value >= 10 ? String.format(Locale.ROOT, "%.0f %s", value, units[unit])
				: String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
	}
}
