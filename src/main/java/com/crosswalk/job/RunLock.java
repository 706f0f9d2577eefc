package com.crosswalk.job;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps two Crosswalk runs off the same database at once. The holder refreshes a heartbeat row; a row whose
 * heartbeat is older than the stale-after age ({@link #STALE_AFTER} unless configured through
 * {@code crosswalk.run-lock.stale-after}) belongs to a process that died (e.g. SIGKILL) and may be taken over.
 */
public class RunLock implements AutoCloseable {

	static final Duration HEARTBEAT = Duration.ofSeconds(5);

	public static final Duration STALE_AFTER = Duration.ofSeconds(20);

	private static final Logger log = LoggerFactory.getLogger(RunLock.class);

	private static final String NAME = "reconcile";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final String owner;

	private final Duration staleAfter;

	private final Duration heartbeatEvery;

	private ScheduledExecutorService heartbeat;

	public RunLock(JdbcTemplate jdbc, Clock clock) {
		this(jdbc, clock, STALE_AFTER);
	}

	/** A shorter stale-after age (tests that kill runs) also beats more often, so a live holder never looks stale. */
	public RunLock(JdbcTemplate jdbc, Clock clock, Duration staleAfter) {
		if (staleAfter.isNegative() || staleAfter.isZero()) {
			throw new IllegalArgumentException("crosswalk.run-lock.stale-after must be positive, was " + staleAfter);
		}
		this.jdbc = jdbc;
		this.clock = clock;
		this.staleAfter = staleAfter;
		Duration quarter = staleAfter.dividedBy(4);
		this.heartbeatEvery = quarter.compareTo(HEARTBEAT) < 0 ? quarter : HEARTBEAT;
		this.owner = ManagementFactory.getRuntimeMXBean().getName() + "@" + clock.instant();
	}

	/** Takes the lock or explains who holds it. */
	public void acquire() {
		Instant now = clock.instant();
		try {
			jdbc.update("INSERT INTO cw_run_lock (lock_name, owner, heartbeat_at) VALUES (?, ?, ?)", NAME, owner,
					Timestamp.from(now));
		}
		catch (DuplicateKeyException held) {
			int taken = jdbc.update(
					"UPDATE cw_run_lock SET owner = ?, heartbeat_at = ? WHERE lock_name = ? AND heartbeat_at < ?",
					owner, Timestamp.from(now), NAME, Timestamp.from(now.minus(staleAfter)));
			if (taken == 0) {
				String holder = jdbc.queryForObject("SELECT owner FROM cw_run_lock WHERE lock_name = ?",
						String.class, NAME);
				throw new RunLockedException("Another Crosswalk run (" + holder
						+ ") is using this database. Wait for it to finish, or if it was killed, retry in "
						+ staleAfter.toSeconds() + " s once its heartbeat has gone stale.");
			}
			log.warn("Took over the run lock of a run that stopped without releasing it (its process died)");
		}
		heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "crosswalk-run-lock");
			t.setDaemon(true);
			return t;
		});
		heartbeat.scheduleAtFixedRate(this::beat, heartbeatEvery.toMillis(), heartbeatEvery.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void beat() {
		try {
			jdbc.update("UPDATE cw_run_lock SET heartbeat_at = ? WHERE lock_name = ? AND owner = ?",
					Timestamp.from(clock.instant()), NAME, owner);
		}
		catch (DataAccessException e) {
			log.warn("Could not refresh the run lock heartbeat: {}", e.getMostSpecificCause().getMessage());
		}
	}

	@Override
	public void close() {
		if (heartbeat == null) {
			return;
		}
		// no interrupt: on H2 a thread interrupted in file I/O closes the database file under every connection
		// (seen: the run's last statements failed with ClosedChannelException after its report was written)
		heartbeat.shutdown();
		try {
			heartbeat.awaitTermination(staleAfter.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		jdbc.update("DELETE FROM cw_run_lock WHERE lock_name = ? AND owner = ?", NAME, owner);
		heartbeat = null;
	}

	public static class RunLockedException extends RuntimeException {

		public RunLockedException(String message) {
			super(message);
		}
	}
}
