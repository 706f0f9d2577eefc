package com.crosswalk.graph;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlidingWindowLogTest {

	@Test
	void grantsUpToTheLimitInTheWindowAndFreesPermitsAsCallsAgeOut() {
		SlidingWindowLog log = new SlidingWindowLog(1_000, 10);

		assertThat(log.tryAcquire(6, 0)).isEqualTo(6);
		assertThat(log.tryAcquire(6, 100)).isEqualTo(4);
		assertThat(log.tryAcquire(1, 200)).isZero();
		assertThat(log.nextPermitAt(200)).isEqualTo(1_000);
		assertThat(log.tryAcquire(8, 1_000)).isEqualTo(6);
		assertThat(log.used(1_100)).isEqualTo(6);
	}

	@Test
	void tellsWhenUsageDropsToATarget() {
		SlidingWindowLog log = new SlidingWindowLog(1_000, Integer.MAX_VALUE);
		log.tryAcquire(50, 0);
		log.tryAcquire(30, 400);
		log.tryAcquire(20, 800);

		assertThat(log.timeWhenUsedAtMost(60, 900)).isEqualTo(1_000);
		assertThat(log.timeWhenUsedAtMost(20, 900)).isEqualTo(1_400);
		assertThat(log.timeWhenUsedAtMost(100, 900)).isEqualTo(900);
	}

	@Test
	void answeredCallsAgeFromTheirAnswer() {
		SlidingWindowLog log = new SlidingWindowLog(1_000, 10);
		log.tryAcquire(6, 0);
		log.answered(0, 4, 300);

		assertThat(log.used(1_000)).as("the 2 unanswered calls aged from their grant").isEqualTo(4);
		assertThat(log.nextPermitAt(1_000)).isEqualTo(1_000);
		assertThat(log.used(1_300)).isZero();
	}

	@Test
	void anAnswerLaterThanTheWindowDoesNotBringItsCallsBack() {
		SlidingWindowLog log = new SlidingWindowLog(1_000, 10);
		log.tryAcquire(6, 0);
		log.answered(0, 6, 1_200);

		assertThat(log.used(1_200)).isZero();
	}
}
