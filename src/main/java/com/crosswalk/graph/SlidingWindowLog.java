package com.crosswalk.graph;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Calls made in a rolling window, which is how Graph counts them. Not thread-safe: {@link ScopeState} guards it.
 * Permits granted together are one entry, so the log stays as small as the number of batches.
 * <p>
 * Calls that left the window are kept for a grace period more: Graph counts a call when it arrives, which can be a
 * while after the client took its permit, so for that long Graph may still count calls this log no longer does.
 */
final class SlidingWindowLog {

	private record Entry(long atMillis, int permits) {
	}

	private final Deque<Entry> entries = new ArrayDeque<>();

	/** Entries out of the window but within the grace period, oldest first. */
	private final Deque<Entry> aged = new ArrayDeque<>();

	private final long windowMillis;

	private final long graceMillis;

	private final int limit;

	private int used;

	private int agedPermits;

	/** {@code limit} of {@link Integer#MAX_VALUE} only counts, it never refuses. */
	SlidingWindowLog(long windowMillis, long graceMillis, int limit) {
		this.windowMillis = windowMillis;
		this.graceMillis = graceMillis;
		this.limit = limit;
	}

	/** Grants up to {@code wanted} permits now and returns how many. */
	int tryAcquire(int wanted, long nowMillis) {
		evict(nowMillis);
		int granted = Math.min(wanted, limit - used);
		if (granted > 0) {
			entries.addLast(new Entry(nowMillis, granted));
			used += granted;
		}
		return Math.max(granted, 0);
	}

	/** When the next permit frees up: now if one is free. */
	long nextPermitAt(long nowMillis) {
		evict(nowMillis);
		return (used < limit) ? nowMillis : timeWhenUsedAtMost(limit - 1, nowMillis);
	}

	int used(long nowMillis) {
		evict(nowMillis);
		return used;
	}

	/** Calls in the window and in the grace period before it: the most of this client's calls Graph can still count. */
	int usedWithGrace(long nowMillis) {
		evict(nowMillis);
		return used + agedPermits;
	}

	/** When the calls still in the window will have dropped to {@code target} or fewer. */
	long timeWhenUsedAtMost(int target, long nowMillis) {
		evict(nowMillis);
		int remaining = used;
		for (Entry entry : entries) {
			if (remaining <= target) {
				break;
			}
			remaining -= entry.permits;
			if (remaining <= target) {
				return entry.atMillis + windowMillis;
			}
		}
		return nowMillis;
	}

	long windowMillis() {
		return windowMillis;
	}

	private void evict(long nowMillis) {
		while (!entries.isEmpty() && entries.peekFirst().atMillis + windowMillis <= nowMillis) {
			Entry entry = entries.removeFirst();
			used -= entry.permits;
			aged.addLast(entry);
			agedPermits += entry.permits;
		}
		while (!aged.isEmpty() && aged.peekFirst().atMillis + windowMillis + graceMillis <= nowMillis) {
			agedPermits -= aged.removeFirst().permits;
		}
	}
}
