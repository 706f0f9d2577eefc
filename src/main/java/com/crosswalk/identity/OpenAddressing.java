package com.crosswalk.identity;

/** Sizing and hashing shared by the open-addressing tables of this package (linear probing, int slots). */
final class OpenAddressing {

	private OpenAddressing() {
	}

	/** A power-of-two slot count that holds {@code entries} below the load limit. */
	static int slotsFor(int entries) {
		int slots = 16;
		while (full(entries, slots)) {
			slots <<= 1;
		}
		return slots;
	}

	/** Load limit 0.75: linear probing stays short at that load with a well-mixed hash. */
	static boolean full(int entries, int slots) {
		return entries * 4L >= slots * 3L;
	}

	static int mix(int h) {
		h *= 0x9E3779B9;
		return h ^ (h >>> 16);
	}

	static int mix(long v) {
		long h = v * 0x9E3779B97F4A7C15L;
		h ^= h >>> 29;
		h *= 0xBF58476D1CE4E5B9L;
		return (int) (h ^ (h >>> 32));
	}
}
