package com.crosswalk.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One figure over a scenario's repeated runs: the median, which one disturbed run does not move, and the range, which
 * shows how much the machine's other work moved the runs.
 */
record Spread(double median, double min, double max, int runs) {

	/** Null when no run has the figure. */
	static Spread of(List<Double> values) {
		List<Double> present = new ArrayList<>(values.stream().filter(Objects::nonNull).toList());
		if (present.isEmpty()) {
			return null;
		}
		present.sort(null);
		int n = present.size();
		double median = n % 2 == 1 ? present.get(n / 2) : (present.get(n / 2 - 1) + present.get(n / 2)) / 2;
		return new Spread(median, present.get(0), present.get(n - 1), n);
	}

	/** A ratio of two medians, with the range of the ratios run by run. */
	static Spread ratio(double ofMedians, List<Double> perRun) {
		Spread range = of(perRun);
		return range == null ? new Spread(ofMedians, ofMedians, ofMedians, 1)
				: new Spread(ofMedians, range.min, range.max, range.runs);
	}

	/**
	 * {@code median (min–max)}, or the median alone where the runs agree (a single run, or calls counted the same
	 * each time); {@code pattern} formats each number.
	 */
	String format(String pattern) {
		String median = String.format(Locale.ROOT, pattern, this.median);
		String low = String.format(Locale.ROOT, pattern, min);
		String high = String.format(Locale.ROOT, pattern, max);
		return low.equals(high) ? median : median + " (" + low + "–" + high + ")";
	}

	Map<String, Object> asMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("median", median);
		m.put("min", min);
		m.put("max", max);
		return m;
	}
}
