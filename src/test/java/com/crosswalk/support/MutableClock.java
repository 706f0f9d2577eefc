package com.crosswalk.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import com.crosswalk.graph.Sleeper;

/**
 * A clock tests move by hand — directly, or through the Graph client's sleeper — shared by the emulator and the
 * client, so rate windows and reviews pass without sleeping.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> now;

	public MutableClock(Instant start) {
		this.now = new AtomicReference<>(start);
	}

	public Sleeper sleeper() {
		return duration -> {
			advance(duration);
			// Let other threads (emulator workers, concurrent lookups) run between simulated waits.
			Thread.yield();
		};
	}

	public void advance(Duration duration) {
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
