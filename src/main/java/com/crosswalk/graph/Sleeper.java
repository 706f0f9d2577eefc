package com.crosswalk.graph;

import java.time.Duration;

/**
 * How the client waits for a paused scope, a rate budget or a retry backoff. Tests substitute one that advances a
 * fake clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

	Sleeper THREAD_SLEEP = duration -> {
		if (!duration.isNegative() && !duration.isZero()) {
			Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
		}
	};

	void sleep(Duration duration) throws InterruptedException;
}
