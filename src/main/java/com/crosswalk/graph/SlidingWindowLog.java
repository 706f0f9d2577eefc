package com.crosswalk.graph;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Calls made in a rolling window, which is how Graph counts them. Not thread-safe: {@link ScopeState} guards it.
 * Permits granted at the same millisecond are one entry, so the log stays as small as the number of grants.
 * <p>
 * A call is logged when its permit is granted and logged again, instead, when its answer comes back: Graph counts it
 * somewhere in between, and a large grant goes out as many batches over seconds. Aged from the grant alone, such a
 * burst left this log up to seconds before Graph stopped counting it; the room the log saw was not there yet
 * (measured: the next calls were throttled, and Graph's usage, still counting the burst, read as someone else's).
 * Aged from the answer, a call never leaves this log before it leaves Graph's window.
 */
final class SlidingWindowLog {

	/** Grant or answer time to permits, oldest first. */
	private final TreeMap<Long, Integer> entries = new TreeMap<>();

	private final long windowMillis;

	private final int limit;

	private int used;

	/** {@code limit} of {@link Integer#MAX_VALUE} only counts, it never refuses. */
	SlidingWindowLog(long windowMillis, int limit) {
		this.windowMillis = windowMillis;
		this.limit = limit;
	}

	/** Grants up to {@code wanted} permits now and returns how many. */
	int tryAcquire(int wanted, long nowMillis) {
		evict(nowMillis);
		int granted = Math.min(wanted, limit - used);
		if (granted > 0) {
			entries.merge(nowMillis, granted, Integer::sum);
			used += granted;
		}
		return Math.max(granted, 0);
	}

	/**
	 * {@code permits} of the calls granted at {@code grantedAtMillis} were answered now: they count from now. Calls
	 * that already left the window are not brought back.
	 */
	void answered(long grantedAtMillis, int permits, long nowMillis) {
		evict(nowMillis);
		Integer logged = entries.get(grantedAtMillis);
		if (logged == null || grantedAtMillis >= nowMillis) {
			return;
		}
		int moved = Math.min(permits, logged);
		if (moved == logged) {
			entries.remove(grantedAtMillis);
		}
		else {
			entries.put(grantedAtMillis, logged - moved);
		}
		entries.merge(nowMillis, moved, Integer::sum);
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

	/** When the calls still in the window will have dropped to {@code target} or fewer. */
	long timeWhenUsedAtMost(int target, long nowMillis) {
		evict(nowMillis);
		int remaining = used;
		for (Map.Entry<Long, Integer> entry : entries.entrySet()) {
			if (remaining <= target) {
				break;
			}
			remaining -= entry.getValue();
			if (remaining <= target) {
				return entry.getKey() + windowMillis;
			}
		}
		return nowMillis;
	}

	/** The calls still in the window, by when they count from. */
	SortedMap<Long, Integer> inWindow(long nowMillis) {
		evict(nowMillis);
		return new TreeMap<>(entries);
	}

	/**
	 * Calls another client made for the same scope in this window (a worker JVM that ran the scope's partition of an
	 * earlier pass): they count as this log's own. An entry this log holds already is not counted twice. Returns how
	 * many calls were new to this log.
	 */
	int add(SortedMap<Long, Integer> calls, long nowMillis) {
		evict(nowMillis);
		int added = 0;
		for (Map.Entry<Long, Integer> call : calls.entrySet()) {
			long at = call.getKey();
			int more = call.getValue() - entries.getOrDefault(at, 0);
			if (at + windowMillis > nowMillis && more > 0) {
				entries.merge(at, more, Integer::sum);
				used += more;
				added += more;
			}
		}
		return added;
	}

	long windowMillis() {
		return windowMillis;
	}

	private void evict(long nowMillis) {
		while (!entries.isEmpty() && entries.firstKey() + windowMillis <= nowMillis) {
			used -= entries.pollFirstEntry().getValue();
		}
	}
}
