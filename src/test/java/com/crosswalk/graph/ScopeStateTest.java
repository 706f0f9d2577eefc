package com.crosswalk.graph;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScopeStateTest {

	private final GraphClientConfig config = GraphClientConfig.custom()
		.pageBudget(new CallBudget(100, Duration.ofSeconds(10)))
		.throttleBackoff(Duration.ofSeconds(2))
		.build();

	private final ScopeState page = new ScopeState(Scope.page("P1"), config);

	@Test
	void theFirstCallIsASingleProbeAndOthersWaitForIt() {
		assertThat(page.admit(50, 0)).isEqualTo(new ScopeState.Granted(1, true));
		assertThat(page.admit(50, 0)).isInstanceOfSatisfying(ScopeState.Wait.class,
				wait -> assertThat(wait.reason()).isEqualTo(ScopeState.WaitReason.PROBE));

		page.probeAnswered(true);

		assertThat(page.admit(50, 1)).isEqualTo(new ScopeState.Granted(50, false));
	}

	@Test
	void aFailedProbeLetsTheNextCallProbeAgain() {
		page.admit(5, 0);
		page.probeAnswered(false);

		assertThat(page.admit(5, 1)).isEqualTo(new ScopeState.Granted(1, true));
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
	void theBudgetLimitsCallsInTheRollingWindow() {
		open();
		assertThat(page.admit(150, 0)).isEqualTo(new ScopeState.Granted(99, false));
		assertThat(page.admit(1, 500)).isEqualTo(new ScopeState.Wait(10_000, ScopeState.WaitReason.BUDGET));
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

		// 41 calls are 80% of about 51: one call every 10 s / 51.
		assertThat(page.admit(10, 1)).isEqualTo(new ScopeState.Granted(1, false));
		assertThat(page.admit(10, 2)).isInstanceOfSatisfying(ScopeState.Wait.class,
				wait -> assertThat(wait.reason()).isEqualTo(ScopeState.WaitReason.BUDGET));

		page.usage(new Usage(96, Duration.ZERO), 3);
		assertThat(page.admit(1, 1_000)).isInstanceOfSatisfying(ScopeState.Wait.class, wait -> {
			assertThat(wait.reason()).isEqualTo(ScopeState.WaitReason.PAUSED);
			assertThat(wait.untilMillis()).isEqualTo(10_000);
		});
	}

	private void open() {
		page.admit(1, 0);
		page.probeAnswered(true);
	}
}
