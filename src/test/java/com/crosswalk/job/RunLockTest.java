package com.crosswalk.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The lock's stale-after age decides when a dead holder's lock may be taken over. */
class RunLockTest {

	private final Instant start = Instant.parse("2026-09-01T10:00:00Z");

	private JdbcTemplate jdbc;

	@BeforeEach
	void createTable() {
		jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:runlock-" + System.nanoTime()
				+ ";DB_CLOSE_DELAY=-1", "sa", ""));
		jdbc.execute("CREATE TABLE cw_run_lock (lock_name VARCHAR(20) PRIMARY KEY, owner VARCHAR(200) NOT NULL,"
				+ " heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL)");
	}

	@Test
	void aLockOlderThanTheConfiguredAgeIsTakenOverAndAYoungerOneIsNot() {
		// a holder that died: its heartbeat row stays, never refreshed
		jdbc.update("INSERT INTO cw_run_lock VALUES ('reconcile', 'dead', ?)", java.sql.Timestamp.from(start));
		Duration staleAfter = Duration.ofSeconds(2);

		RunLock tooEarly = new RunLock(jdbc, Clock.fixed(start.plusSeconds(1), ZoneOffset.UTC), staleAfter);
		assertThatThrownBy(tooEarly::acquire).isInstanceOf(RunLock.RunLockedException.class)
			.hasMessageContaining("retry in 2 s");

		try (RunLock later = new RunLock(jdbc, Clock.fixed(start.plusSeconds(3), ZoneOffset.UTC), staleAfter)) {
			later.acquire();
			assertThat(jdbc.queryForObject("SELECT owner FROM cw_run_lock", String.class)).isNotEqualTo("dead");
		}
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_run_lock", Long.class)).isZero();
	}

	@Test
	void aHolderWhoseLockWasTakenOverStopsAtItsNextCheckAndLeavesTheNewOwnersRowAlone() {
		Duration staleAfter = Duration.ofSeconds(2);
		RunLock stalled = new RunLock(jdbc, Clock.fixed(start, ZoneOffset.UTC), staleAfter);
		stalled.acquire();
		stalled.ensureHeld();
		// its heartbeat stalled past the stale-after age: another process took the row over
		jdbc.update("UPDATE cw_run_lock SET owner = 'newcomer', heartbeat_at = ?",
				java.sql.Timestamp.from(start.plusSeconds(3)));

		assertThatThrownBy(stalled::ensureHeld).isInstanceOf(RunLock.RunLockLostException.class)
			.hasMessageContaining("another process (newcomer) took over the run lock")
			.hasMessageContaining("crosswalk.run-lock.stale-after (2 s")
			.hasMessageContaining("run the same command again to resume");
		stalled.beat();
		stalled.close();
		assertThat(jdbc.queryForObject("SELECT owner FROM cw_run_lock", String.class)).isEqualTo("newcomer");
		assertThat(jdbc.queryForObject("SELECT heartbeat_at FROM cw_run_lock", java.sql.Timestamp.class).toInstant())
			.as("the loser's heartbeat does not refresh the newcomer's row").isEqualTo(start.plusSeconds(3));
	}

	@Test
	void theHeartbeatNoticesTheTakeover() {
		RunLock stalled = new RunLock(jdbc, Clock.fixed(start, ZoneOffset.UTC), Duration.ofSeconds(2));
		stalled.acquire();
		jdbc.update("UPDATE cw_run_lock SET owner = 'newcomer'");
		stalled.beat();
		// the newcomer has finished since: the message still names who took the lock, as the heartbeat saw it
		jdbc.update("DELETE FROM cw_run_lock");

		assertThatThrownBy(stalled::ensureHeld).isInstanceOf(RunLock.RunLockLostException.class)
			.hasMessageContaining("(newcomer)");
		stalled.close();
	}

	@Test
	void theDefaultAgeIsTwentySeconds() {
		jdbc.update("INSERT INTO cw_run_lock VALUES ('reconcile', 'dead', ?)", java.sql.Timestamp.from(start));

		RunLock lock = new RunLock(jdbc, Clock.fixed(start.plusSeconds(19), ZoneOffset.UTC));

		assertThatThrownBy(lock::acquire).hasMessageContaining("retry in 20 s");
		assertThat(RunLock.STALE_AFTER).isEqualTo(Duration.ofSeconds(20));
	}
}
