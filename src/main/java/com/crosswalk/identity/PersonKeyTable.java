package com.crosswalk.identity;

import java.time.Instant;
import java.util.Arrays;

/**
 * The person keys of previous runs with their creation times, indexed densely. Keys in this job's own format
 * ({@code p_} + 16 hex digits) are stored as 64-bit numbers, so carrying forward millions of keys costs about
 * 25 bytes each; keys in any other format are kept as text.
 */
final class PersonKeyTable {

	private long[] codes;

	/** Null for keys stored as codes. */
	private String[] texts;

	/** Creation time in microseconds since the epoch: the oldest seen for the key. */
	private long[] createdMicros;

	private int[] slots;

	private int size;

	PersonKeyTable(int expected) {
		int capacity = Math.max(16, expected);
		this.codes = new long[capacity];
		this.texts = new String[capacity];
		this.createdMicros = new long[capacity];
		this.slots = new int[OpenAddressing.slotsFor(capacity)];
	}

	int size() {
		return size;
	}

	String get(int index) {
		return (texts[index] != null) ? texts[index] : PersonKeys.format(codes[index]);
	}

	/** The index of {@code key}, or -1. */
	int indexOf(String key) {
		Long code = codeOf(key);
		int mask = slots.length - 1;
		for (int slot = hash(key, code) & mask;; slot = (slot + 1) & mask) {
			int entry = slots[slot];
			if (entry == 0) {
				return -1;
			}
			if (matches(entry - 1, key, code)) {
				return entry - 1;
			}
		}
	}

	/** The index of {@code key}, adding it if new; keeps the older of the creation times seen. */
	int intern(String key, Instant createdAt) {
		long micros = toMicros(createdAt);
		Long code = codeOf(key);
		int mask = slots.length - 1;
		int slot = hash(key, code) & mask;
		for (;; slot = (slot + 1) & mask) {
			int entry = slots[slot];
			if (entry == 0) {
				break;
			}
			if (matches(entry - 1, key, code)) {
				createdMicros[entry - 1] = Math.min(createdMicros[entry - 1], micros);
				return entry - 1;
			}
		}
		if (size == codes.length) {
			int grown = size + (size >> 1) + 1;
			codes = Arrays.copyOf(codes, grown);
			texts = Arrays.copyOf(texts, grown);
			createdMicros = Arrays.copyOf(createdMicros, grown);
		}
		if (code != null) {
			codes[size] = code;
		}
		else {
			texts[size] = key;
		}
		createdMicros[size] = micros;
		slots[slot] = ++size;
		if (OpenAddressing.full(size, slots.length)) {
			rehash();
		}
		return size - 1;
	}

	/** Older first; equally old keys by their text, so the smallest key wins a tie. */
	int compareAge(int a, int b) {
		int c = Long.compare(createdMicros[a], createdMicros[b]);
		if (c != 0) {
			return c;
		}
		if (texts[a] == null && texts[b] == null) {
			// same prefix and fixed-width lower-case hex: text order is unsigned numeric order
			return Long.compareUnsigned(codes[a], codes[b]);
		}
		return get(a).compareTo(get(b));
	}

	private boolean matches(int index, String key, Long code) {
		return (code != null) ? texts[index] == null && codes[index] == code : key.equals(texts[index]);
	}

	private static int hash(String key, Long code) {
		return (code != null) ? OpenAddressing.mix(code.longValue()) : OpenAddressing.mix(key.hashCode());
	}

	private void rehash() {
		int[] bigger = new int[slots.length * 2];
		int mask = bigger.length - 1;
		for (int i = 0; i < size; i++) {
			int h = (texts[i] == null) ? OpenAddressing.mix(codes[i]) : OpenAddressing.mix(texts[i].hashCode());
			int slot = h & mask;
			while (bigger[slot] != 0) {
				slot = (slot + 1) & mask;
			}
			bigger[slot] = i + 1;
		}
		slots = bigger;
	}

	/** The code of a key in {@code p_} + 16 lower-case hex form, or null for any other key. */
	static Long codeOf(String key) {
		if (key.length() != PersonKeys.PREFIX.length() + 16 || !key.startsWith(PersonKeys.PREFIX)) {
			return null;
		}
		for (int i = PersonKeys.PREFIX.length(); i < key.length(); i++) {
			char c = key.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return null;
			}
		}
		return Long.parseUnsignedLong(key, PersonKeys.PREFIX.length(), key.length(), 16);
	}

	private static long toMicros(Instant at) {
		return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
	}
}
