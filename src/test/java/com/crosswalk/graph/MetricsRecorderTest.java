package com.crosswalk.graph;

import com.crosswalk.support.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MetricsRecorderTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T02:00:10Z"));

	private final MetricsRecorder metrics = new MetricsRecorder(clock);

	@Test
	void callsAreCountedInTheMinuteTheyWereSent() {
		metrics.batchSent(50);
		metrics.plainCall();
		clock.advance(Duration.ofSeconds(55));
		metrics.batchSent(20);
		clock.advance(Duration.ofMinutes(2));
		metrics.plainCall();

		GraphMetrics snapshot = metrics.snapshot();

		assertThat(snapshot.callsPerMinute()).containsExactly(
				entry("2026-03-01T02:00:00Z", 51L), entry("2026-03-01T02:01:00Z", 20L),
				entry("2026-03-01T02:03:00Z", 1L));
		assertThat(snapshot.callsPerMinute().values().stream().mapToLong(Long::longValue).sum())
			.isEqualTo(snapshot.graphCalls());
	}

	@Test
	void concurrentCallsAreAllCounted() throws InterruptedException {
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			Thread thread = new Thread(() -> {
				for (int i = 0; i < 10_000; i++) {
					metrics.plainCall();
				}
			});
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}

		assertThat(metrics.snapshot().callsPerMinute()).containsExactly(entry("2026-03-01T02:00:00Z", 40_000L));
	}

	private static java.util.Map.Entry<Instant, Long> entry(String minute, long calls) {
		return java.util.Map.entry(Instant.parse(minute), calls);
	}
}
