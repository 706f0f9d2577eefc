package com.crosswalk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.Fixture;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.graph.GraphClient;
import com.crosswalk.graph.GraphClientConfig;
import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;
import com.crosswalk.support.MutableClock;
import com.crosswalk.support.Population;

/** The quota figures of scenario 2, from calls made at known times on the emulator's clock. */
class QuotaMeterTest {

	@TempDir
	Path tmp;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));

	private GraphEmulator emulator;

	private GraphClient client;

	private String app;

	private List<ScopedId> asids;

	@BeforeEach
	void callsAtKnownTimes() {
		Fixture fixture = Population.generate(tmp, 40, 1, 1, 3L).fixture();
		app = fixture.apps().get(0).id();
		asids = IntStream.range(0, fixture.personCount())
			.mapToObj(fixture::idsOfPerson)
			.flatMap(List::stream)
			.filter(id -> id.type() == IdType.ASID && id.scopeId().equals(app))
			.limit(6)
			.toList();
		emulator = GraphEmulator.start(fixture, EmulatorConfig.custom().port(0).clock(clock).build());
		client = new GraphClient(GraphClientConfig.custom()
			.baseUrl(emulator.baseUrl())
			.clock(clock)
			.sleeper(clock.sleeper())
			.build(), fixture.credentialsFor(fixture.apps().get(0).businessId()));
		// the start-up check's calls come long before the lookup's first
		client.preflight();
		clock.advance(Duration.ofSeconds(30));
		client.lookup(asids.subList(0, 3));
		clock.advance(Duration.ofMillis(1_500));
		client.lookup(asids.subList(3, 5));
		clock.advance(Duration.ofSeconds(10));
		client.lookup(asids.subList(5, 6));
	}

	@AfterEach
	void close() {
		client.close();
		emulator.close();
	}

	@Test
	void callsPerSecondCountsEachScopesCallsFromTheFirstCall() {
		assertThat(asids).hasSize(6);

		assertThat(QuotaMeter.callsPerSecond(emulator.counters(), List.of(app))).containsExactly("scope,second,calls",
				app + ",0,3", app + ",30,3", app + ",31,2", app + ",41,1");
	}

	@Test
	void utilisationCountsOnlyTheWholeWindowsBetweenTheFirstIdReadAndTheLastCall() {
		// 11.5 s of lookups hold two whole 5-second windows: the 5 calls of the first 10 s against 2 budgets of 4; the
		// start-up check 30 s before is not the lookup spending the quota
		QuotaMeter.Utilisation utilisation = QuotaMeter.measure(emulator.counters(), List.of(app), 4,
				Duration.ofSeconds(5));

		assertThat(utilisation.utilisation()).isEqualTo(5 / 8.0);
		assertThat(utilisation.saturatedSeconds()).isEqualTo(10.0);
		assertThat(QuotaMeter.measure(emulator.counters(), List.of(app), 4, Duration.ofSeconds(20)).utilisation())
			.as("no whole window").isNull();
	}
}
