package com.crosswalk.workers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/** The worker JVMs' heartbeat rows (cw_worker): who runs, and who stopped answering. */
final class WorkerHeartbeats {

	static final Duration FORGET_AFTER = Duration.ofDays(1);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	WorkerHeartbeats(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void beat(String worker) {
		Timestamp now = Timestamp.from(clock.instant());
		if (jdbc.update("UPDATE cw_worker SET heartbeat_at = ? WHERE worker_id = ?", now, worker) == 0) {
			jdbc.update("INSERT INTO cw_worker (worker_id, started_at, heartbeat_at) VALUES (?, ?, ?)", worker, now,
					now);
		}
	}

	/**
	 * Forgets workers silent for {@link #FORGET_AFTER}: a worker killed with SIGKILL never removes its row, and no
	 * manager still waits on one that old (it fails such a worker's partitions after {@code stall-after}).
	 */
	void forgetLongStopped() {
		jdbc.update("DELETE FROM cw_worker WHERE heartbeat_at < ?", Timestamp.from(clock.instant().minus(FORGET_AFTER)));
	}

	void remove(String worker) {
		jdbc.update("DELETE FROM cw_worker WHERE worker_id = ?", worker);
	}

	/** The workers whose last heartbeat is younger than {@code stallAfter}. */
	Set<String> alive(Duration stallAfter) {
		return new HashSet<>(jdbc.queryForList("SELECT worker_id FROM cw_worker WHERE heartbeat_at >= ?", String.class,
				Timestamp.from(clock.instant().minus(stallAfter))));
	}
}
