package com.crosswalk.identity;

import java.util.Arrays;

/**
 * Gives each distinct string a dense index 0, 1, 2, ... The characters live in one shared array and the lookup is
 * open addressing over an int array, so a million short customer IDs cost about 30 bytes each instead of a
 * String object, a HashMap entry and a boxed Integer.
 */
final class StringTable {

	private char[] chars;

	private int used;

	/** Start of each string in {@link #chars}; string {@code i} ends where {@code i + 1} starts. */
	private int[] starts;

	private int[] slots;

	private int size;

	StringTable(int expected) {
		int capacity = Math.max(16, expected);
		this.slots = new int[OpenAddressing.slotsFor(capacity)];
		this.starts = new int[capacity + 1];
		this.chars = new char[capacity * 8];
	}

	int size() {
		return size;
	}

	String get(int index) {
		return new String(chars, starts[index], starts[index + 1] - starts[index]);
	}

	/** Compares two entries shortest first, then character by character, like {@link Identifier#compareTo}. */
	int compareShortlex(int a, int b) {
		int startA = starts[a];
		int startB = starts[b];
		int lengthA = starts[a + 1] - startA;
		int lengthB = starts[b + 1] - startB;
		if (lengthA != lengthB) {
			return Integer.compare(lengthA, lengthB);
		}
		return Arrays.compare(chars, startA, startA + lengthA, chars, startB, startB + lengthB);
	}

	/** The index of {@code value}, or -1. */
	int indexOf(String value) {
		int mask = slots.length - 1;
		for (int slot = OpenAddressing.mix(value.hashCode()) & mask;; slot = (slot + 1) & mask) {
			int entry = slots[slot];
			if (entry == 0) {
				return -1;
			}
			if (matches(entry - 1, value)) {
				return entry - 1;
			}
		}
	}

	/** The index of {@code value}, adding it if new. */
	int intern(String value) {
		int mask = slots.length - 1;
		int slot = OpenAddressing.mix(value.hashCode()) & mask;
		for (;; slot = (slot + 1) & mask) {
			int entry = slots[slot];
			if (entry == 0) {
				break;
			}
			if (matches(entry - 1, value)) {
				return entry - 1;
			}
		}
		if (size + 1 == starts.length) {
			starts = Arrays.copyOf(starts, starts.length + (starts.length >> 1) + 1);
		}
		if (used + value.length() > chars.length) {
			chars = Arrays.copyOf(chars, Math.max(used + value.length(), chars.length + (chars.length >> 1)));
		}
		value.getChars(0, value.length(), chars, used);
		used += value.length();
		starts[++size] = used;
		slots[slot] = size;
		if (OpenAddressing.full(size, slots.length)) {
			rehash();
		}
		return size - 1;
	}

	private boolean matches(int index, String value) {
		int start = starts[index];
		int length = starts[index + 1] - start;
		if (length != value.length()) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (chars[start + i] != value.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private int hashOf(int index) {
		int h = 0;
		for (int i = starts[index]; i < starts[index + 1]; i++) {
			h = 31 * h + chars[i];
		}
		return h;
	}

	private void rehash() {
		int[] bigger = new int[slots.length * 2];
		int mask = bigger.length - 1;
		for (int i = 0; i < size; i++) {
			int slot = OpenAddressing.mix(hashOf(i)) & mask;
			while (bigger[slot] != 0) {
				slot = (slot + 1) & mask;
			}
			bigger[slot] = i + 1;
		}
		slots = bigger;
	}
}
