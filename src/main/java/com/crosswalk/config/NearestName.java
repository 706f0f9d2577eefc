package com.crosswalk.config;

import java.util.Collection;
import java.util.Locale;

/**
 * The valid name closest to a mistyped one, for "did you mean" suggestions (command-line options and
 * {@code crosswalk.*} settings). Closeness is the optimal-string-alignment distance: insertions, deletions,
 * substitutions and swaps of two neighbouring characters each count one; case is ignored.
 */
public final class NearestName {

	private NearestName() {
	}

	/** The candidate nearest to {@code typed}, the first of equals in iteration order; null if there is none. */
	public static String among(Collection<String> candidates, String typed) {
		String nearest = null;
		int best = Integer.MAX_VALUE;
		for (String candidate : candidates) {
			int d = distance(typed, candidate);
			if (d < best) {
				best = d;
				nearest = candidate;
			}
		}
		return nearest;
	}

	static int distance(String a, String b) {
		String s = a.toLowerCase(Locale.ROOT);
		String t = b.toLowerCase(Locale.ROOT);
		int[][] d = new int[s.length() + 1][t.length() + 1];
		for (int i = 0; i <= s.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= t.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= s.length(); i++) {
			for (int j = 1; j <= t.length(); j++) {
				int cost = s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && s.charAt(i - 1) == t.charAt(j - 2) && s.charAt(i - 2) == t.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[s.length()][t.length()];
	}
}
