package com.crosswalk.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class GraphMetricsTest {

	private static final Instant MINUTE = Instant.parse("2026-12-06T03:00:00Z");

	@Test
	void aWorkersShareOfARunIsWhatItsClientCountedSinceTheRunsFirstPartition() {
		GraphMetrics atStart = metrics(100, 3, Map.of(MINUTE, 100L));
		GraphMetrics atEnd = metrics(250, 5, Map.of(MINUTE, 130L, MINUTE.plusSeconds(60), 120L));

		GraphMetrics share = atEnd.since(atStart);

		assertThat(share.graphCalls()).isEqualTo(150);
		assertThat(share.retries()).isEqualTo(2);
		assertThat(share.throttleWaitTime()).isEqualTo(Duration.ofSeconds(2));
		assertThat(share.callsPerMinute()).containsExactly(Map.entry(MINUTE, 30L),
				Map.entry(MINUTE.plusSeconds(60), 120L));
	}

	@Test
	void aRunsCallsAreTheManagersAndEveryWorkersTogether() {
		GraphMetrics manager = metrics(7, 0, Map.of(MINUTE, 7L));
		GraphMetrics worker = metrics(150, 2, Map.of(MINUTE, 30L, MINUTE.plusSeconds(60), 120L));

		GraphMetrics run = GraphMetrics.none().plus(manager).plus(worker);

		assertThat(run.graphCalls()).isEqualTo(157);
		assertThat(run.retries()).isEqualTo(2);
		assertThat(run.callsPerMinute()).containsExactly(Map.entry(MINUTE, 37L), Map.entry(MINUTE.plusSeconds(60), 120L));
	}

	private static GraphMetrics metrics(long calls, long retries, Map<Instant, Long> perMinute) {
		return new GraphMetrics(calls, calls / 50, calls, 50, calls, retries, retries, retries,
				Duration.ofSeconds(retries), 0, 0, 0, 0, 0, 0, 0, new TreeMap<>(perMinute));
	}
}
