package com.crosswalk.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RollingWindowCounterTest {

	@Test
	void countsCallsInTheWindowAndTellsWhenTheNextCallIsAllowed() {
		RollingWindowCounter window = new RollingWindowCounter(60_000);
		assertThat(window.record(0)).isEqualTo(1);
		assertThat(window.record(10_000)).isEqualTo(2);
		assertThat(window.record(20_000)).isEqualTo(3);
		// budget 2: allowed again once only the 20 s call is left, i.e. when the 10 s call leaves at 70 s
		assertThat(window.millisUntilBelow(2, 20_000)).isEqualTo(50_000);
		assertThat(window.millisUntilBelow(5, 20_000)).isZero();
		// the 0 s call has left the window at 60 s
		assertThat(window.record(60_000)).isEqualTo(3);
		assertThat(window.record(200_000)).isEqualTo(1);
	}
}
