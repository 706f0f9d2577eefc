package com.crosswalk.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

	@Test
	void namedThreadsAreDaemonsAndShareTheName() {
		DaemonThreads threads = DaemonThreads.named("crosswalk-test");

		Thread first = threads.newThread(() -> { });
		Thread second = threads.newThread(() -> { });

		assertThat(first.isDaemon()).isTrue();
		assertThat(second.isDaemon()).isTrue();
		assertThat(first.getName()).isEqualTo("crosswalk-test");
		assertThat(second.getName()).isEqualTo("crosswalk-test");
	}

	@Test
	void numberedThreadsCountFromOneInTheOrderTheyAreMade() {
		DaemonThreads threads = DaemonThreads.numbered("crosswalk-test");

		assertThat(threads.newThread(() -> { }).getName()).isEqualTo("crosswalk-test-1");
		assertThat(threads.newThread(() -> { }).getName()).isEqualTo("crosswalk-test-2");
		assertThat(DaemonThreads.numbered("crosswalk-other").newThread(() -> { }).getName())
				.isEqualTo("crosswalk-other-1");
	}
}
