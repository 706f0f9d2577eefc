package com.crosswalk.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import com.crosswalk.id.Scope;

class ScopeStateTest {

	private final GraphClientConfig config = GraphClientConfig.custom()
		.pageBudget(new CallBudget(100, Duration.ofSeconds(10)))
		.throttleBackoff(Duration.ofSeconds(2))
		.build();

	private final ScopeState page = new ScopeState(Scope.page("P1"), config);

	@Test
	void theFirstCallIsASingleProbeAndOthersWaitForIt() {
		assertThat(page.admit(50, 0)).isEqualTo(new ScopeState.Granted(1, true, 0));
		assertThat(page.admit(50, 0)).isInstanceOfSatisfying(ScopeState.Wait.class,
				wait -> assertThat(wait.reason()).isEqualTo(ScopeState.WaitReason.PROBE));

		page.probeAnswered(true);

		assertThat(page.admit(50, 1)).isEqualTo(new ScopeState.Granted(50, false, 1));
	}

	@Test
	void aFailedProbeLetsTheNextCallProbeAgain() {
		page.admit(5, 0);
		page.probeAnswered(false);

		assertThat(page.admit(5, 1)).isEqualTo(new ScopeState.Granted(1, true, 1));
	}

	@Test
	void aBlockedScopeStaysClosedWithItsRetryTime() {
		page.admit(5, 0);
		GraphError review = new GraphError(200, null, "OAuthException", "under review", "t", false);

		assertThat(page.block(review, Instant.EPOCH)).isTrue();
		assertThat(page.block(review, Instant.EPOCH)).as("counted once").isFalse();
		assertThat(page.admit(5, 10)).isInstanceOfSatisfying(ScopeState.Closed.class, closed -> {
			assertThat(closed.status().state()).isEqualTo(ScopeStatus.State.BLOCKED);
			assertThat(closed.status().until()).isEqualTo(Instant.EPOCH.plus(Duration.ofHours(48)));
		});
	}

	@Test
	void aPermissionDeniedScopeClosesOnceWithItsReason() {
		page.admit(5, 0);

		assertThat(page.refuse(ScopeStatus.State.PERMISSION_DENIED, 10, "(#10) no permission")).isTrue();
		assertThat(page.refuse(ScopeStatus.State.PERMISSION_DENIED, 10, "(#10) no permission")).as("counted once")
			.isFalse();
		assertThat(page.admit(5, 10)).isInstanceOfSatisfying(ScopeState.Closed.class, closed -> {
			assertThat(closed.status().state()).isEqualTo(ScopeStatus.State.PERMISSION_DENIED);
			assertThat(closed.status().code()).isEqualTo(10);
		});
	}

	@Test
	void aPolicyBlockWaitsTheLongWaitNotTheThrottleBackoff() {
		open();

		assertThat(page.policyBlocked(368, "blocked", 0)).isTrue();
		assertThat(page.policyBlocked(368, "blocked", 0)).as("one block, reported once").isFalse();

		long day = Duration.ofHours(24).toMillis();
		assertThat(page.admit(1, 1)).isEqualTo(new ScopeState.Wait(day, ScopeState.WaitReason.POLICY_BLOCK));
		assertThat(page.status(1)).satisfies(status -> {
			assertThat(status.state()).isEqualTo(ScopeStatus.State.POLICY_BLOCKED);
			assertThat(status.until()).isEqualTo(Instant.ofEpochMilli(day));
			assertThat(status.message()).contains("368");
		});
	}

	@Test
	void eachUsageObjectAndTypeKeepsItsReadingUntilItIsReportedAgain() {
		ScopeState unbudgeted = new ScopeState(Scope.page("P7"),
				GraphClientConfig.custom().usageWindow(Duration.ofSeconds(10)).build());
		unbudgeted.admit(1, 0);
		unbudgeted.probeAnswered(true);
		unbudgeted.admit(20, 1);
		unbudgeted.usage(Map.of("x-business-use-case-usage/111/pages", new Usage(80, Duration.ZERO),
				"x-business-use-case-usage/111/messenger", new Usage(10, Duration.ZERO)), 2);

		// only the messenger type is reported again: the pages type is still at 80 %, past the slowdown share
		unbudgeted.usage(Map.of("x-business-use-case-usage/111/messenger", new Usage(12, Duration.ZERO)), 3);

		assertThat(unbudgeted.admit(10, 4)).as("paced on the pages reading, not a burst of 10")
			.isEqualTo(new ScopeState.Granted(1, false, 4));
	}

	@Test
	void theBudgetLimitsCallsInTheRollingWindow() {
		ScopeState unpaced = unpaced();

		// 98 % of the budget, the probe included: the rest is headroom for the latency between client and Graph
		assertThat(unpaced.admit(150, 0)).isEqualTo(new ScopeState.Granted(97, false, 0));
		assertThat(unpaced.admit(1, 500)).isEqualTo(new ScopeState.Wait(10_000, ScopeState.WaitReason.BUDGET));
	}

	@Test
	void callsGoAtOnceUpToTheSlowdownShareAndEvenlyAfterIt() {
		open();

		// 75 % of the 98 calls allowed, the probe included
		assertThat(page.admit(150, 0)).isEqualTo(new ScopeState.Granted(73, false, 0));
		// then one call every 10 s / 98, the first one at once
		assertThat(page.admit(150, 0)).isEqualTo(new ScopeState.Granted(1, false, 0));
		assertThat(page.admit(150, 0)).isInstanceOfSatisfying(ScopeState.Wait.class,
				wait -> assertThat(wait.reason()).isEqualTo(ScopeState.WaitReason.BUDGET));
	}

	@Test
	void aThrottleAnswerPausesForTheRegainTimeElseADoublingBackoff() {
		open();
		page.throttled(Duration.ofMinutes(1), 0);
		assertThat(page.admit(1, 1)).isEqualTo(new ScopeState.Wait(60_000, ScopeState.WaitReason.PAUSED));

		ScopeState other = new ScopeState(Scope.page("P2"), config);
		other.throttled(null, 0);
		other.throttled(null, 0);
		assertThat(other.admit(1, 1)).isEqualTo(new ScopeState.Wait(4_000, ScopeState.WaitReason.PAUSED));
	}

	@Test
	void usagePastSlowdownSpreadsCallsEvenlyAndPastPauseStopsThem() {
		open();
		page.admit(40, 0);
		page.usage(new Usage(80, Duration.ZERO), 0);

		// 80 % of the budget is 80 calls, of which only 41 are ours: the other 39 leave 98 - 39 = 59 calls for us,
		// one every 10 s / 59.
		assertThat(page.admit(10, 1)).isEqualTo(new ScopeState.Granted(1, false, 1));
		assertThat(page.admit(10, 2)).isInstanceOfSatisfying(ScopeState.Wait.class,
				wait -> assertThat(wait.reason()).isEqualTo(ScopeState.WaitReason.BUDGET));

		page.usage(new Usage(96, Duration.ZERO), 3);
		assertThat(page.admit(1, 1_000)).isInstanceOfSatisfying(ScopeState.Wait.class, wait -> {
			assertThat(wait.reason()).isEqualTo(ScopeState.WaitReason.PAUSED);
			assertThat(wait.untilMillis()).isEqualTo(10_000);
		});
	}

	@Test
	void usageThatOurOwnCallsExplainDoesNotPause() {
		ScopeState unpaced = unpaced();
		unpaced.admit(97, 0);
		unpaced.usage(new Usage(98, Duration.ZERO), 0);

		// the log is full, so the scope waits for its own calls to age out, not for a pause
		assertThat(unpaced.admit(1, 100)).isEqualTo(new ScopeState.Wait(10_000, ScopeState.WaitReason.BUDGET));
		assertThat(unpaced.status(100).state()).isEqualTo(ScopeStatus.State.ACTIVE);
	}

	@Test
	void withoutABudgetAPauseLastsUntilUsageIsBackAtTheResumeShare() {
		ScopeState unbudgeted = new ScopeState(Scope.page("P3"),
				GraphClientConfig.custom().usageWindow(Duration.ofSeconds(10)).build());
		unbudgeted.admit(1, 0);
		unbudgeted.probeAnswered(true);
		unbudgeted.admit(9, 1_000);
		unbudgeted.admit(90, 5_000);

		unbudgeted.usage(new Usage(96, Duration.ZERO), 5_000);

		// 100 calls are 96 %; 90 % is 93 of them, reached when the calls of t = 0 and 1 s have aged out (down to 75 %
		// would wait for the ones of 5 s too)
		assertThat(unbudgeted.admit(1, 5_001)).isEqualTo(new ScopeState.Wait(11_000, ScopeState.WaitReason.PAUSED));
	}

	@Test
	void withAKnownBudgetAScopeDrivenFlatOutSpendsNearlyAllOfItInEveryWindowAndNeverMore() {
		ScopeState scope = new ScopeState(Scope.page("P4"), quotaConfig());

		Drive drive = drive(scope, 0);

		for (int window = 0; window < WINDOWS; window++) {
			assertThat(drive.callsIn(window)).as("calls in window %d", window)
				.isGreaterThanOrEqualTo((int) Math.ceil(QUOTA * 0.95));
		}
		assertThat(drive.mostCallsInAnyWindow()).isLessThanOrEqualTo(QUOTA);
		assertThat(drive.pauses).as("pauses: our own usage is no reason to stop").isZero();
		assertThat(drive.overBudget).isZero();
	}

	@Test
	void aBurstThatReachedGraphLateIsNotMistakenForSomeoneElsesCalls() {
		ScopeState scope = new ScopeState(Scope.page("P7"), quotaConfig());

		// a lane asks for all its IDs at once; a grant goes out 50 calls a batch, one batch every 400 ms: the first
		// burst of ~730 calls takes 6 s to reach Graph, so Graph still counts part of it a window after its grant
		Drive drive = drive(scope, 0, 1_000, 400);

		assertThat(drive.overBudget).as("calls Graph would throttle").isZero();
		assertThat(drive.pauses).isZero();
		// pacing holds: no second burst when the first one leaves the log
		assertThat(drive.largestGrantAfter(WINDOW)).isLessThanOrEqualTo(QUOTA / 100);
		for (int window = 0; window < WINDOWS; window++) {
			assertThat(drive.callsIn(window)).as("calls in window %d", window)
				.isGreaterThanOrEqualTo((int) Math.ceil(QUOTA * 0.95));
		}
	}

	@Test
	void usageThatLateAnsweredCallsExplainIsStillOurs() {
		ScopeState scope = new ScopeState(Scope.page("P8"),
				config.toBuilder().slowdownAt(0.9).pauseAt(0.9).resumeAt(0.85).build());
		scope.admit(1, 0);
		scope.probeAnswered(true);
		ScopeState.Granted burst = (ScopeState.Granted) scope.admit(150, 0);
		// the burst reached Graph over two seconds: its last answers came back at 2 s
		scope.answered(burst.atMillis(), burst.permits(), 2_000);

		// half a second past the window Graph still counts the burst; so must the client, or it reads as someone
		// else's usage and pauses the scope
		scope.usage(new Usage(90, Duration.ZERO), 10_500);

		assertThat(burst.permits()).isEqualTo(88);
		assertThat(scope.status(10_500).state()).isEqualTo(ScopeStatus.State.ACTIVE);
	}

	@Test
	void usageBeyondWhatOurCallsExplainStillSlowsAndPausesTheScope() {
		ScopeState scope = new ScopeState(Scope.page("P5"), quotaConfig());
		int others = 300;

		Drive drive = drive(scope, others);

		assertThat(drive.pauses).as("pauses").isPositive();
		assertThat(drive.mostCallsInAnyWindow() + others).as("calls Graph counts in one window")
			.isLessThanOrEqualTo(QUOTA);
		assertThat(drive.overBudget).isZero();
		// still most of what the others leave, in every window after the first
		for (int window = 1; window < WINDOWS; window++) {
			assertThat(drive.callsIn(window)).as("calls in window %d", window)
				.isGreaterThanOrEqualTo((int) ((QUOTA - others) * 0.85));
		}
	}

	private static final int QUOTA = 1_000;

	private static final long WINDOW = 60_000;

	private static final int WINDOWS = 5;

	/** The benchmark's quota scenario: 1000 calls per rolling minute. */
	@Test
	void aScopeTakenOverFromAnotherClientForgetsThePauseItsOwnOtherScopesAnswersBrought() {
		ScopeState app = new ScopeState(Scope.app("A1"), GraphClientConfig.custom()
			.appBudget(new CallBudget(100, Duration.ofSeconds(60)))
			.build());
		// this client ran the app's Pages while another spent the app's budget: Graph's app-wide usage, read on the
		// Pages' answers, pauses the app here for as long as Graph said
		app.usage(new Usage(104, Duration.ofMinutes(5)), 1_000);
		assertThat(app.status(2_000).state()).isEqualTo(ScopeStatus.State.PAUSED);
		java.util.SortedMap<Long, Integer> spentElsewhere = new java.util.TreeMap<>(java.util.Map.of(500L, 90));

		app.callsMadeElsewhere(spentElsewhere, 2_000);

		assertThat(app.status(2_000).state()).isEqualTo(ScopeStatus.State.ACTIVE);
		// the other client's calls still count: 98 allowed a window, 90 spent, a probe first
		assertThat(app.admit(50, 2_000)).isEqualTo(new ScopeState.Granted(1, true, 2_000));
		assertThat(app.callsInWindow(2_000)).isEqualTo(91);
	}

	@Test
	void callsHandedBackToTheClientThatMadeThemLeaveItsPauseAsItWas() {
		ScopeState app = new ScopeState(Scope.app("A2"), GraphClientConfig.custom()
			.appBudget(new CallBudget(100, Duration.ofSeconds(60)))
			.build());
		app.admit(1, 0);
		app.probeAnswered(true);
		app.throttled(Duration.ofMinutes(2), 1_000);

		// one JVM: the next pass's partition gets back this client's own log
		app.callsMadeElsewhere(new java.util.TreeMap<>(java.util.Map.of(0L, 1)), 2_000);

		assertThat(app.status(2_000).state()).isEqualTo(ScopeStatus.State.PAUSED);
	}

	private static GraphClientConfig quotaConfig() {
		return GraphClientConfig.custom().pageBudget(new CallBudget(QUOTA, Duration.ofMillis(WINDOW))).build();
	}

	/** Calls made by a {@link #drive}, and how often the scope was paused or would have been throttled. */
	private static final class Drive {

		final List<Long> calls = new ArrayList<>();

		int pauses;

		int overBudget;

		int callsIn(int window) {
			return (int) calls.stream().filter(at -> at / WINDOW == window).count();
		}

		int largestGrantAfter(long fromMillis) {
			return grants.stream().filter(g -> g[0] >= fromMillis).mapToInt(g -> (int) g[1]).max().orElse(0);
		}

		/** Each grant's time and permits. */
		final List<long[]> grants = new ArrayList<>();

		/** When each call reached Graph. */
		final List<Long> arrivals = new ArrayList<>();

		int arrivedInWindowEndingAt(long nowMillis) {
			return (int) arrivals.stream().filter(at -> at > nowMillis - WINDOW && at <= nowMillis).count();
		}

		int mostCallsInAnyWindow() {
			int most = 0;
			int start = 0;
			for (int end = 0; end < calls.size(); end++) {
				while (calls.get(start) + WINDOW <= calls.get(end)) {
					start++;
				}
				most = Math.max(most, end - start + 1);
			}
			return most;
		}
	}

	/**
	 * Asks for 50 calls whenever admission allows, for {@link #WINDOWS} windows; Graph answers at once with the
	 * usage of its rolling window, which also holds {@code others} calls of someone else.
	 */
	private static Drive drive(ScopeState scope, int others) {
		return drive(scope, others, 50, 0);
	}

	/**
	 * As {@link #drive(ScopeState, int)}, asking for {@code wanted} calls at a time; a grant reaches Graph as batches
	 * of 50 calls, {@code batchMillis} apart, and Graph counts each call when it arrives.
	 */
	private static Drive drive(ScopeState scope, int others, int wanted, long batchMillis) {
		Drive drive = new Drive();
		long now = 0;
		// each batch's answer, when it comes back: its time, its grant's time and its calls
		List<long[]> answers = new ArrayList<>();
		while (now < WINDOWS * WINDOW) {
			for (Iterator<long[]> it = answers.iterator(); it.hasNext();) {
				long[] answer = it.next();
				if (answer[0] <= now) {
					scope.answered(answer[1], (int) answer[2], answer[0]);
					it.remove();
				}
			}
			ScopeState.Admission admission = scope.admit(wanted, now);
			if (admission instanceof ScopeState.Granted granted) {
				drive.grants.add(new long[] { now, granted.permits() });
				for (int i = 0; i < granted.permits(); i++) {
					drive.calls.add(now);
					drive.arrivals.add(now + i / 50 * batchMillis);
				}
				if (granted.probe()) {
					scope.probeAnswered(true);
				}
				for (int batch = 0; batch * 50 < granted.permits(); batch++) {
					answers.add(new long[] { now + batch * batchMillis, granted.atMillis(),
							Math.min(50, granted.permits() - batch * 50) });
				}
				long lastArrival = drive.arrivals.get(drive.arrivals.size() - 1);
				if (drive.arrivedInWindowEndingAt(lastArrival) + others > QUOTA) {
					drive.overBudget++;
				}
				int counted = drive.arrivedInWindowEndingAt(now) + others;
				scope.usage(new Usage(counted * 100 / QUOTA, Duration.ZERO), now);
			}
			else if (admission instanceof ScopeState.Wait wait) {
				if (wait.reason() == ScopeState.WaitReason.PAUSED) {
					drive.pauses++;
				}
				assertThat(wait.untilMillis()).as("a wait ends later than it starts").isGreaterThan(now);
				now = wait.untilMillis();
			}
			else {
				throw new AssertionError("closed: " + admission);
			}
		}
		return drive;
	}

	/** An open scope with the same budget that only paces at the full budget, so one admission can fill it. */
	private ScopeState unpaced() {
		ScopeState unpaced = new ScopeState(Scope.page("P6"), config.toBuilder().slowdownAt(1.0).pauseAt(1.0).build());
		unpaced.admit(1, 0);
		unpaced.probeAnswered(true);
		return unpaced;
	}

	private void open() {
		page.admit(1, 0);
		page.probeAnswered(true);
	}
}
