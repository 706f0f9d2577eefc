package com.crosswalk.graph;

import com.crosswalk.support.MutableClock;
import static com.crosswalk.graph.TestWorld.OUTDOOR;
import static com.crosswalk.graph.TestWorld.SHOP;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.crosswalk.emulator.CallOutcome;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.id.ScopedId;

/**
 * The client keeps to the rate budget it is given and to the waits Graph announces, measured on the emulator's call
 * log, not on the client's own account. Time is simulated: client and emulator share a clock that the client's
 * waits move forward, so an hour of throttling takes milliseconds and the call times are exact.
 */
class ThrottleHonestyReliabilityTests {

	/** Window of both budgets. */
	private static final Duration WINDOW = Duration.ofSeconds(10);

	private static final int BUDGET = 20;

	/**
	 * The stated margin over the budget: none. The client counts every batch item against the budget before
	 * sending it, so no window may hold more than the budget.
	 */
	private static final int MARGIN = 0;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-09-01T10:00:00Z"));

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable resource : resources) {
			resource.close();
		}
	}

	@Test
	void aSmallBudgetIsNeverExceededInAnyWindow() {
		GraphEmulator emulator = emulator(config -> config.pageCallBudget(BUDGET).appCallBudget(BUDGET)
			.rateLimitWindow(WINDOW));
		GraphClient client = client(emulator, config -> config.pageBudget(new CallBudget(BUDGET, WINDOW))
			.appBudget(new CallBudget(BUDGET, WINDOW)));
		List<ScopedId> ids = new ArrayList<>(TestWorld.psids(OUTDOOR, 0, 100));
		ids.addAll(TestWorld.asids(SHOP, 0, 100));

		List<LookupOutcome> outcomes = client.lookup(ids);

		assertThat(outcomes).allMatch(LookupOutcome.Resolved.class::isInstance);
		for (String scope : List.of(OUTDOOR, SHOP)) {
			assertThat(mostCallsInAnyWindow(emulator.counters().callTimes(scope))).as("calls to %s in one window", scope)
				.isLessThanOrEqualTo(BUDGET + MARGIN);
			assertThat(emulator.counters().calls(scope, CallOutcome.THROTTLED)).as("throttled calls to %s", scope)
				.isZero();
		}
	}

	@Test
	void afterAThrottleAnswerNothingReachesTheScopeBeforeTheAnnouncedTime() {
		// usage headers only once the budget is spent: the client learns of the limit from the throttled answers
		GraphEmulator emulator = emulator(config -> config.pageCallBudget(BUDGET).rateLimitWindow(WINDOW)
			.usageHeaderFloor(BUDGET));
		GraphClient client = client(emulator, config -> config.maxThrottleWait(Duration.ofHours(1)));

		List<LookupOutcome> outcomes = client.lookup(TestWorld.psids(OUTDOOR, 0, 100));

		assertThat(outcomes).allMatch(LookupOutcome.Resolved.class::isInstance);
		long throttled = emulator.counters().calls(OUTDOOR, CallOutcome.THROTTLED);
		assertThat(throttled).as("throttle answers").isPositive();
		assertThat(client.metrics().throttledAnswers()).isPositive();
		// The emulator answers estimated_time_to_regain_access in whole minutes, so a throttle at t announces
		// t + 1 min for this seconds-long window. Calls at t itself were already in flight with the throttled one.
		List<Instant> times = emulator.counters().callTimes(OUTDOOR);
		Duration announced = Duration.ofMinutes(1);
		for (Instant throttledAt : overBudget(times)) {
			assertThat(emulator.counters().calledBetween(OUTDOOR, throttledAt.plusMillis(1),
					throttledAt.plus(announced).minusMillis(1)))
				.as("a call to %s between the throttle at %s and the announced %s; calls at %s", OUTDOOR, throttledAt,
						throttledAt.plus(announced), times)
				.isFalse();
		}
	}

	/** Largest number of calls inside one window, over every window that starts at a call. */
	private static int mostCallsInAnyWindow(List<Instant> times) {
		int most = 0;
		int start = 0;
		for (int end = 0; end < times.size(); end++) {
			while (!times.get(start).plus(WINDOW).isAfter(times.get(end))) {
				start++;
			}
			most = Math.max(most, end - start + 1);
		}
		return most;
	}

	/** Times of calls the emulator refused: each is the (BUDGET+1)th or later call within one window. */
	private static List<Instant> overBudget(List<Instant> times) {
		List<Instant> refused = new ArrayList<>();
		for (int i = BUDGET; i < times.size(); i++) {
			if (times.get(i - BUDGET).plus(WINDOW).isAfter(times.get(i))) {
				refused.add(times.get(i));
			}
		}
		return refused;
	}

	private GraphEmulator emulator(UnaryOperator<EmulatorConfig.Builder> settings) {
		GraphEmulator emulator = GraphEmulator.start(TestWorld.FIXTURE,
				settings.apply(EmulatorConfig.custom().clock(clock)).build());
		resources.add(emulator);
		return emulator;
	}

	private GraphClient client(GraphEmulator emulator, UnaryOperator<GraphClientConfig.Builder> settings) {
		GraphClient client = new GraphClient(settings.apply(GraphClientConfig.custom()
			.baseUrl(emulator.baseUrl())
			.clock(clock)
			.sleeper(clock.sleeper())
			.usageWindow(WINDOW)
			.maxThrottleWait(Duration.ofHours(1))).build(), TestWorld.FIXTURE.credentialsFor(TestWorld.BUSINESS));
		resources.add(client);
		return client;
	}
}
