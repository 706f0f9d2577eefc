package com.crosswalk.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.support.MutableClock;
import com.crosswalk.support.TestDatabase;

class WorkerHeartbeatsTest {

	@TempDir
	Path dir;

	@Test
	void aWorkerKilledLongAgoIsForgottenWhenAnotherStartsAndARecentOneIsKept() {
		JdbcTemplate jdbc = TestDatabase.h2(dir).migrated().jdbc();
		MutableClock clock = new MutableClock(Instant.parse("2026-12-06T06:00:00Z"));
		WorkerHeartbeats heartbeats = new WorkerHeartbeats(jdbc, clock);
		heartbeats.beat("killed@host");
		clock.advance(WorkerHeartbeats.FORGET_AFTER.plusMinutes(1));
		heartbeats.beat("stalled@host");
		clock.advance(Duration.ofMinutes(5));

		heartbeats.forgetLongStopped();

		assertThat(jdbc.queryForList("SELECT worker_id FROM cw_worker", String.class)).containsExactly("stalled@host");
		assertThat(heartbeats.alive(Duration.ofMinutes(1))).isEmpty();
	}
}
