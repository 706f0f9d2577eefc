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

	/** The spacing between calls that spends the budget evenly over its window. */
	Duration evenSpacing() {
		return window.dividedBy(calls);
	}
}
