package com.crosswalk.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that the client's sleeper moves forward, shared with the emulator, so windows pass without sleeping. */
final class TestClock extends Clock {

	private final AtomicReference<Instant> now;

	TestClock(Instant start) {
		this.now = new AtomicReference<>(start);
	}

	Sleeper sleeper() {
		return duration -> {
			advance(duration);
			// Let other threads (emulator workers, concurrent lookups) run between simulated waits.
			Thread.yield();
		};
	}

	void advance(Duration duration) {
		now.updateAndGet(t -> t.plus(duration));
	}

	@Override
	public Instant instant() {
		return now.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}
}
