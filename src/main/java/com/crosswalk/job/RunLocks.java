package com.crosswalk.job;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Takes the database's {@link RunLock} for whoever must not run beside a reconcile run (the launcher, a privacy
 * deletion), configured once with {@code crosswalk.run-lock.stale-after}.
 */
public class RunLocks {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Duration staleAfter;

	public RunLocks(JdbcTemplate jdbc, Clock clock, Duration staleAfter) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.staleAfter = staleAfter;
	}

	/** The lock this process holds, if any: the job checks it before each write. */
	private final AtomicReference<RunLock> held = new AtomicReference<>();

	/** The lock, held until closed; throws {@link RunLock.RunLockedException} when another run holds it. */
	public RunLock acquire() {
		RunLock lock = new RunLock(jdbc, clock, staleAfter) {
			@Override
			public void close() {
				held.compareAndSet(this, null);
				super.close();
			}
		};
		lock.acquire();
		held.set(lock);
		return lock;
	}

	/**
	 * Throws {@link RunLock.RunLockLostException} when the lock this process holds was taken over by another; does
	 * nothing when it holds none (a job started without the launcher, in tests).
	 */
	public void ensureHeld() {
		RunLock lock = held.get();
		if (lock != null) {
			lock.ensureHeld();
		}
	}

	/** Whether this process holds the lock: it is the run's manager, not a worker. */
	boolean holdsOne() {
		return held.get() != null;
	}
}
