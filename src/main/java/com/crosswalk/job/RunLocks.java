package com.crosswalk.job;

import java.time.Clock;
import java.time.Duration;

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

	/** The lock, held until closed; throws {@link RunLock.RunLockedException} when another run holds it. */
	public RunLock acquire() {
		RunLock lock = new RunLock(jdbc, clock, staleAfter);
		lock.acquire();
		return lock;
	}
}
