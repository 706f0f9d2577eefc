package com.crosswalk.emulator;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides which requests misbehave. A decision depends only on the seed, the fault kind, the request's sequence
 * number and the item's position, so the same seed gives the same faults to the same sequence of requests.
 */
final class FaultInjector {

	private final AtomicLong sequence = new AtomicLong();

	private volatile FaultSettings settings;

	/** How many calls each of the settings' on-demand errors has answered. */
	private volatile AtomicIntegerArray errorsAnswered;

	FaultInjector(FaultSettings settings) {
		this.settings = settings;
		this.errorsAnswered = new AtomicIntegerArray(settings.errors().size());
	}

	FaultSettings settings() {
		return settings;
	}

	void update(FaultSettings newSettings) {
		this.errorsAnswered = new AtomicIntegerArray(newSettings.errors().size());
		this.settings = newSettings;
		sequence.set(0);
	}

	/**
	 * The on-demand error that answers a call (or, with {@code wholeRequest}, an HTTP request) made with a token of
	 * {@code scope}, if any; a profile error only answers a read that asks profile fields. Taking it counts it
	 * against its {@code times}.
	 */
	ErrorFault takeError(String scope, boolean wholeRequest, boolean asksProfile) {
		FaultSettings current = settings;
		AtomicIntegerArray answered = errorsAnswered;
		for (int i = 0; i < current.errors().size() && i < answered.length(); i++) {
			ErrorFault error = current.errors().get(i);
			if (error.kind().wholeRequest() != wholeRequest || (error.scope() != null && !error.scope().equals(scope))
					|| (error.kind() == FaultKind.PROFILE_UNAVAILABLE && !asksProfile)) {
				continue;
			}
			if (error.times() == 0 || answered.getAndIncrement(i) < error.times()) {
				return error;
			}
		}
		return null;
	}

	long nextSequence() {
		return sequence.getAndIncrement();
	}

	boolean roll(FaultKind kind, long requestSequence, int item) {
		FaultSettings current = settings;
		double probability = switch (kind) {
			case SERVER_ERROR -> current.serverError();
			case SLOW -> current.slow();
			case DROPPED_CONNECTION -> current.droppedConnection();
			case HTML_PAGE -> current.htmlPage();
			case TRUNCATED_JSON -> current.truncatedJson();
			case NULL_BATCH_ITEM -> current.nullBatchItem();
			default -> 0;
		};
		if (probability <= 0) {
			return false;
		}
		return uniform(current.seed(), kind.ordinal(), requestSequence, item) < probability;
	}

	/** Code of an injected server error: 1 or 2, also derived from the seed. */
	int serverErrorCode(long requestSequence, int item) {
		return uniform(settings.seed(), 97, requestSequence, item) < 0.5 ? 1 : 2;
	}

	private static double uniform(long seed, int kind, long requestSequence, int item) {
		long h = seed * 0x9E3779B97F4A7C15L + kind * 0xBF58476D1CE4E5B9L + requestSequence * 0x94D049BB133111EBL
				+ item * 0x2545F4914F6CDD1DL;
		h ^= h >>> 30;
		h *= 0xBF58476D1CE4E5B9L;
		h ^= h >>> 27;
		h *= 0x94D049BB133111EBL;
		h ^= h >>> 31;
		return (h >>> 11) * 0x1.0p-53;
	}
}
