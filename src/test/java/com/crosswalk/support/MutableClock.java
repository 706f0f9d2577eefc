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

	/** How far each reading moves the time on: zero but for {@link #advancingOnEachRead}. */
	private final Duration readStep;

	public MutableClock(Instant start) {
		this(new AtomicReference<>(start), Duration.ZERO);
	}

	private MutableClock(AtomicReference<Instant> now, Duration readStep) {
		this.now = now;
		this.readStep = readStep;
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

	/**
	 * A view of this clock that moves it on by {@code step} before each reading: given to the emulator, time passes
	 * while it answers, so answers come back later than the client sent them.
	 */
	public Clock advancingOnEachRead(Duration step) {
		return new MutableClock(now, step);
	}

	@Override
	public Instant instant() {
		return readStep.isZero() ? now.get() : now.updateAndGet(t -> t.plus(readStep));
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
