package com.crosswalk.emulator;

/**
 * Realistic-looking, collision-free decimal IDs: a seeded bijection of a counter onto a range of numbers, so IDs look
 * random yet two counters never give the same ID and nothing has to be remembered.
 */
final class IdSequence {

	private final long base;

	private final int bits;

	private final long mask;

	private final long key;

	/**
	 * @param base the smallest ID
	 * @param bits IDs are {@code base + [0, 2^bits)}
	 */
	IdSequence(long base, int bits, long seed) {
		this.base = base;
		this.bits = bits;
		this.mask = (1L << bits) - 1;
		this.key = mix(seed) & mask;
	}

	/** 16-17 digit IDs for persons' ASIDs and PSIDs. */
	static IdSequence scopedIds(long seed) {
		return new IdSequence(1_000_000_000_000_000L, 53, seed);
	}

	/** 15 digit IDs for businesses, apps and Pages. */
	static IdSequence assetIds(long seed) {
		return new IdSequence(100_000_000_000_000L, 46, seed ^ 0x5DEECE66DL);
	}

	long idAt(long counter) {
		if (counter < 0 || counter > mask) {
			throw new IllegalArgumentException("counter out of range");
		}
		long x = counter ^ key;
		// odd multipliers and xor-shifts are bijections modulo 2^bits
		x = (x * 0x9E3779B97F4A7C15L) & mask;
		x ^= x >>> (bits / 2);
		x = (x * 0xBF58476D1CE4E5B9L) & mask;
		x ^= x >>> (bits / 3);
		return base + x;
	}

	long capacity() {
		return mask + 1;
	}

	private static long mix(long value) {
		long h = value * 0x9E3779B97F4A7C15L;
		h ^= h >>> 32;
		h *= 0xD6E8FEB86659FD93L;
		return h ^ (h >>> 32);
	}
}
