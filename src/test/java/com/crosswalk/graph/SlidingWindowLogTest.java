package com.crosswalk.graph;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlidingWindowLogTest {

	@Test
	void grantsUpToTheLimitInTheWindowAndFreesPermitsAsCallsAgeOut() {
		SlidingWindowLog log = new SlidingWindowLog(1_000, 0, 10);

		assertThat(log.tryAcquire(6, 0)).isEqualTo(6);
		assertThat(log.tryAcquire(6, 100)).isEqualTo(4);
		assertThat(log.tryAcquire(1, 200)).isZero();
		assertThat(log.nextPermitAt(200)).isEqualTo(1_000);
		assertThat(log.tryAcquire(8, 1_000)).isEqualTo(6);
		assertThat(log.used(1_100)).isEqualTo(6);
	}

	@Test
	void tellsWhenUsageDropsToATarget() {
		SlidingWindowLog log = new SlidingWindowLog(1_000, 0, Integer.MAX_VALUE);
		log.tryAcquire(50, 0);
		log.tryAcquire(30, 400);
		log.tryAcquire(20, 800);

		assertThat(log.timeWhenUsedAtMost(60, 900)).isEqualTo(1_000);
		assertThat(log.timeWhenUsedAtMost(20, 900)).isEqualTo(1_400);
		assertThat(log.timeWhenUsedAtMost(100, 900)).isEqualTo(900);
	}

	@Test
	void keepsCountingCallsThatLeftTheWindowForTheGracePeriod() {
		SlidingWindowLog log = new SlidingWindowLog(1_000, 200, 10);
		log.tryAcquire(6, 0);
		log.tryAcquire(3, 500);

		assertThat(log.used(1_100)).isEqualTo(3);
		assertThat(log.usedWithGrace(1_100)).isEqualTo(9);
		assertThat(log.usedWithGrace(1_200)).isEqualTo(3);
		assertThat(log.used(1_500)).isZero();
		assertThat(log.usedWithGrace(1_500)).isEqualTo(3);
		assertThat(log.usedWithGrace(1_700)).isZero();
	}
}
