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

import com.crosswalk.concurrent.DaemonThreads;

/**
 * Keeps two Crosswalk runs off the same database at once. The holder refreshes a heartbeat row; a row whose
 * heartbeat is older than the stale-after age ({@link #STALE_AFTER} unless configured through
 * {@code crosswalk.run-lock.stale-after}) belongs to a process that died (e.g. SIGKILL) and may be taken over.
 * <p>
 * A live holder whose heartbeat stalled that long (a long pause of the JVM or the machine, a database that stopped
 * answering) may be taken over too: its next heartbeat finds the row no longer its own, and {@link #ensureHeld}, which
 * the job calls before each write, stops it.
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

	private volatile ScheduledExecutorService heartbeat;

	/** Set by the heartbeat or a check that found the row no longer this holder's. */
	private volatile String takenOverBy;

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
		heartbeat = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("crosswalk-run-lock"));
		heartbeat.scheduleAtFixedRate(this::beat, heartbeatEvery.toMillis(), heartbeatEvery.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	void beat() {
		if (takenOverBy != null) {
			return;
		}
		try {
			int refreshed = jdbc.update("UPDATE cw_run_lock SET heartbeat_at = ? WHERE lock_name = ? AND owner = ?",
					Timestamp.from(clock.instant()), NAME, owner);
			if (refreshed == 0) {
				lost(currentOwner());
			}
		}
		catch (DataAccessException e) {
			log.warn("Could not refresh the run lock heartbeat: {}", e.getMostSpecificCause().getMessage());
		}
	}

	/**
	 * Throws {@link RunLockLostException} when another process has taken the lock over: the job calls it before each
	 * write, so nothing is written after a check that found the lock gone. Reads the row, not only what the last
	 * heartbeat saw, so a takeover is noticed at the next write rather than the next heartbeat.
	 */
	public void ensureHeld() {
		if (takenOverBy == null && heartbeat != null) {
			String current = currentOwner();
			if (!owner.equals(current)) {
				lost(current);
			}
		}
		if (takenOverBy != null) {
			throw new RunLockLostException(takenOverBy, staleAfter);
		}
	}

	private String currentOwner() {
		return jdbc.query("SELECT owner FROM cw_run_lock WHERE lock_name = ?",
				rs -> rs.next() ? rs.getString(1) : "nobody (the lock row was deleted)", NAME);
	}

	private void lost(String newOwner) {
		if (takenOverBy == null) {
			takenOverBy = newOwner;
			log.error("This run lost the run lock to {}: its heartbeat had stalled longer than"
					+ " crosswalk.run-lock.stale-after ({} s); it stops before its next write", newOwner,
					staleAfter.toSeconds());
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

	/** Another process took the lock over while this run held it: the run stops; exit code 1. */
	public static class RunLockLostException extends RuntimeException {

		RunLockLostException(String newOwner, Duration staleAfter) {
			super("this run stopped: another process (" + newOwner + ") took over the run lock because this run's"
					+ " heartbeat had stalled longer than crosswalk.run-lock.stale-after (" + staleAfter.toSeconds()
					+ " s; a long pause of this machine or JVM, or a database that stopped answering). Its work up to"
					+ " the last committed chunk is kept. Once the other run has finished, run the same command again"
					+ " to resume; if this happens again, raise crosswalk.run-lock.stale-after.");
		}
	}
}
