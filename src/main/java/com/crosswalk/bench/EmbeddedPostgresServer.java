package com.crosswalk.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of the bench's own (the default, {@code --postgres embedded}): the PostgreSQL binaries the test
 * suite runs on, started in the bench's work directory and removed when the bench ends, so the README's figures can
 * be reproduced with one command on a machine without a server. It is set up as the README advises for a backfill:
 * 2 GB of shared buffers (a quarter of a smaller machine's memory), 16 GB of WAL between checkpoints, and every commit
 * flushed (the embedded library's own default skips that).
 * <p>
 * The WAL size matters beyond a few million IDs: the lookup writes its tables at random keys, and the first write to
 * a page after a checkpoint puts the whole page in the WAL. With PostgreSQL's default 1 GB a 10 M-ID run checkpointed
 * every 5 s (241 times, 125 GB of WAL) and took 1,370 s against 1,213 s with 16 GB.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

	static final String USER = "postgres";

	private static final long MAX_SHARED_BUFFERS_MB = 2048;

	private final EmbeddedPostgres server;

	private EmbeddedPostgresServer(EmbeddedPostgres server) {
		this.server = server;
	}

	/**
	 * Starts on an empty {@code dataDirectory}: what an earlier, killed bench left there would stop initdb. The
	 * server's own log goes to {@code log}, not into the bench's output.
	 */
	static EmbeddedPostgresServer start(Path dataDirectory, Path log) {
		try {
			LeftoverDirectory.remove(dataDirectory);
			ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
			return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setOutputRedirector(toLog)
				.setErrorRedirector(toLog)
				.setCleanDataDirectory(true)
				.setServerConfig("shared_buffers", sharedBuffersMb(physicalMemory()) + "MB")
				.setServerConfig("max_wal_size", "16GB")
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.start());
		}
		catch (IOException | RuntimeException ex) {
			// e.g. no binaries for this platform: only Linux x86-64's ship
			throw new IllegalStateException("could not start the bench's own PostgreSQL server (" + ex.getMessage()
					+ "; its log: " + log + "); give --postgres a server's URL, or --postgres none for H2 files", ex);
		}
	}

	/** 2 GB, or a quarter of the machine's memory where that is less. */
	static long sharedBuffersMb(long physicalMemoryBytes) {
		return Math.min(MAX_SHARED_BUFFERS_MB, physicalMemoryBytes / 4 / (1024 * 1024));
	}

	private static long physicalMemory() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getTotalMemorySize();
	}

	/** A database any bench scenario's database can be created from. */
	String url() {
		return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
	}

	@Override
	public void close() throws IOException {
		server.close();
	}
}
