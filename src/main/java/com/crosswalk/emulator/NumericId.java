package com.crosswalk.emulator;

/** Graph node IDs are decimal strings; the emulator keys them as longs. */
final class NumericId {

	private NumericId() {
	}

	/** The ID as a positive long, or -1 when it is not 1-18 decimal digits without a leading zero. */
	static long parse(String text) {
		if (text == null || text.isEmpty() || text.length() > 18 || text.charAt(0) == '0') {
			return -1;
		}
		long value = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}
}
