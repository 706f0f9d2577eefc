package com.crosswalk.input;

/**
 * Makes untrusted input safe to show in a report or log line: control characters become visible escapes and
 * long values are cut, so one hostile cell cannot forge log lines or bloat a report.
 */
final class Excerpt {

	private static final char ELLIPSIS = '\u2026';

	private Excerpt() {
	}

	/**
	 * Escapes control characters as {@code \n}, {@code \t}, {@code \r} or {@code \}{@code uXXXX}, then cuts the
	 * result to {@code max} characters (the last one an ellipsis). Applying it twice gives the same text.
	 */
	static String of(String value, int max) {
		if (value == null) {
			return null;
		}
		StringBuilder out = null;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (isControl(c)) {
				if (out == null) {
					out = new StringBuilder(value.length() + 16).append(value, 0, i);
				}
				switch (c) {
					case '\n' -> out.append("\\n");
					case '\r' -> out.append("\\r");
					case '\t' -> out.append("\\t");
					default -> out.append(String.format("\\u%04x", (int) c));
				}
			}
			else if (out != null) {
				out.append(c);
			}
			if (out != null && out.length() > max) {
				break;
			}
		}
		String escaped = (out == null) ? value : out.toString();
		if (escaped.length() <= max) {
			return escaped;
		}
		return escaped.substring(0, max - 1) + ELLIPSIS;
	}

	/** C0 and C1 controls, DEL, and the Unicode line/paragraph separators that some log viewers break on. */
	static boolean isControl(char c) {
		return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
	}
}
