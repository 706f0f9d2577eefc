package com.crosswalk.identity;

import java.util.Arrays;

/**
 * Gives each distinct string a dense index 0, 1, 2, ... Open addressing with linear probing over an int array,
 * so a million strings cost the strings themselves plus about 12 bytes each, not a HashMap entry and a boxed
 * Integer.
 */
final class StringTable {

	private String[] values;

	private int[] slots;

	private int size;

	StringTable(int expected) {
		int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
		this.slots = new int[capacity];
		this.values = new String[Math.max(16, expected)];
	}

	int size() {
		return size;
	}

	String get(int index) {
		return values[index];
	}

	/** The index of {@code value}, or -1. */
	int indexOf(String value) {
		int mask = slots.length - 1;
		for (int slot = mix(value.hashCode()) & mask;; slot = (slot + 1) & mask) {
			int entry = slots[slot];
			if (entry == 0) {
				return -1;
			}
			if (values[entry - 1].equals(value)) {
				return entry - 1;
			}
		}
	}

	/** The index of {@code value}, adding it if new. */
	int intern(String value) {
		int mask = slots.length - 1;
		int slot = mix(value.hashCode()) & mask;
		for (;; slot = (slot + 1) & mask) {
			int entry = slots[slot];
			if (entry == 0) {
				break;
			}
			if (values[entry - 1].equals(value)) {
				return entry - 1;
			}
		}
		if (size == values.length) {
			values = Arrays.copyOf(values, size + (size >> 1) + 1);
		}
		values[size] = value;
		slots[slot] = ++size;
		if (size * 2 > slots.length) {
			rehash();
		}
		return size - 1;
	}

	private void rehash() {
		int[] bigger = new int[slots.length * 2];
		int mask = bigger.length - 1;
		for (int i = 0; i < size; i++) {
			int slot = mix(values[i].hashCode()) & mask;
			while (bigger[slot] != 0) {
				slot = (slot + 1) & mask;
			}
			bigger[slot] = i + 1;
		}
		slots = bigger;
	}

	static int mix(int h) {
		h *= 0x9E3779B9;
		return h ^ (h >>> 16);
	}
}
