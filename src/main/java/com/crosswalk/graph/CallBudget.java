package com.crosswalk.graph;

import java.time.Duration;
import java.util.Objects;

/**
 * How many Graph calls one scope may make in a rolling window. Graph counts each batch item as one call, and so does
 * the client's limiter.
 */
public record CallBudget(int calls, Duration window) {

	public CallBudget {
		Objects.requireNonNull(window, "window");
		if (calls < 1) {
			throw new IllegalArgumentException("calls must be at least 1, was " + calls);
		}
		if (window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("window must be positive, was " + window);
		}
	}

	public static CallBudget perHour(int calls) {
		return new CallBudget(calls, Duration.ofHours(1));
	}

	/**
	 * An hourly rate enforced over a rolling window of another length: Graph's windows are an hour, an emulator's
	 * (or a benchmark's) may be a minute, and the rate is what stays comparable.
	 */
	public static CallBudget ofHourlyRate(int callsPerHour, Duration window) {
		Objects.requireNonNull(window, "window");
		long calls = Math.round(callsPerHour * (double) window.toMillis() / Duration.ofHours(1).toMillis());
		return new CallBudget((int) Math.max(1, Math.min(Integer.MAX_VALUE, calls)), window);
	}

	/** The spacing between calls that spends the budget evenly over its window. */
	Duration evenSpacing() {
		return window.dividedBy(calls);
	}
}
