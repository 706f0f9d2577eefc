package com.crosswalk.emulator;

/**
 * Counts calls in a rolling window, split into a fixed number of buckets so memory stays constant whatever the call
 * rate. The count is exact to one bucket (1/60 of the window).
 */
final class RollingWindowCounter {

	private static final int BUCKETS = 60;

	private final long bucketMillis;

	private final long[] bucketNumbers = new long[BUCKETS];

	private final int[] counts = new int[BUCKETS];

	RollingWindowCounter(long windowMillis) {
		this.bucketMillis = Math.max(1, windowMillis / BUCKETS);
		java.util.Arrays.fill(bucketNumbers, Long.MIN_VALUE);
	}

	/** Adds one call at {@code nowMillis}; returns the count in the window including it. */
	synchronized int record(long nowMillis) {
		long bucket = nowMillis / bucketMillis;
		int index = (int) Math.floorMod(bucket, BUCKETS);
		if (bucketNumbers[index] != bucket) {
			bucketNumbers[index] = bucket;
			counts[index] = 0;
		}
		counts[index]++;
		return count(bucket);
	}

	/** The count in the window at {@code nowMillis}, without adding a call. */
	synchronized int current(long nowMillis) {
		return count(nowMillis / bucketMillis);
	}

	/**
	 * Milliseconds from {@code nowMillis} until the window holds fewer than {@code budget} calls (so the next call
	 * is allowed again); 0 when it already does.
	 */
	synchronized long millisUntilBelow(int budget, long nowMillis) {
		long current = nowMillis / bucketMillis;
		int remaining = count(current);
		for (long bucket = current - BUCKETS + 1; bucket <= current && remaining >= budget; bucket++) {
			int index = (int) Math.floorMod(bucket, BUCKETS);
			if (bucketNumbers[index] == bucket) {
				remaining -= counts[index];
				if (remaining < budget) {
					return Math.max(1, (bucket + BUCKETS) * bucketMillis - nowMillis);
				}
			}
		}
		return remaining < budget ? 0 : BUCKETS * bucketMillis;
	}

	private int count(long currentBucket) {
		int total = 0;
		for (int i = 0; i < BUCKETS; i++) {
			if (bucketNumbers[i] > currentBucket - BUCKETS && bucketNumbers[i] <= currentBucket) {
				total += counts[i];
			}
		}
		return total;
	}
}
