package com.crosswalk.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.crosswalk.emulator.EmulatorCounters;

/**
 * Quota utilisation from the emulator's call log. Each scope is measured over the whole windows that fit between
 * its first ID read (the lookup's first call, after the start-up check's) and its last call; a rolling window allows at most one budget per window, so calls in k whole windows
 * divided by k budgets is at most 1 and says how much of the quota a client left unused. The result is the sum over
 * scopes of those calls divided by the sum of those budgets.
 */
final class QuotaMeter {

	/**
	 * @param utilisation null when no scope was busy for a whole window
	 * @param saturatedSeconds the longest measured stretch of one scope
	 */
	record Utilisation(Double utilisation, double saturatedSeconds) {
	}

	private QuotaMeter() {
	}

	static Utilisation measure(EmulatorCounters counters, Collection<String> scopes, int budget, Duration window) {
		long windowMillis = window.toMillis();
		long calls = 0;
		long allowed = 0;
		long longest = 0;
		for (String scope : scopes) {
			if (!counters.callLogCovers(scope, Instant.EPOCH)) {
				throw new IllegalStateException("the emulator's call log of " + scope + " overflowed; raise its capacity");
			}
			List<Instant> all = counters.callTimes(scope);
			// from the scope's first ID read: the start-up check's calls come earlier, by however long the job then
			// takes to begin its lookup (the import, worker JVMs starting), and are not the lookup spending the quota
			long first = counters.firstIdRead(scope).orElse(all.isEmpty() ? Instant.EPOCH : all.get(0)).toEpochMilli();
			List<Instant> times = all.stream().filter(t -> t.toEpochMilli() >= first).toList();
			if (times.size() < 2) {
				continue;
			}
			long windows = (times.get(times.size() - 1).toEpochMilli() - first) / windowMillis;
			if (windows == 0) {
				continue;
			}
			long end = first + windows * windowMillis;
			calls += times.stream().filter(t -> t.toEpochMilli() < end).count();
			allowed += windows * budget;
			longest = Math.max(longest, windows * windowMillis);
		}
		return new Utilisation(allowed == 0 ? null : (double) calls / allowed, longest / 1000.0);
	}

	/**
	 * Calls per scope and second, from the first call any scope received: {@code scope,second,calls} lines for a
	 * look at how the job spent each budget.
	 */
	static List<String> callsPerSecond(EmulatorCounters counters, Collection<String> scopes) {
		long start = scopes.stream()
			.flatMap(scope -> counters.callTimes(scope).stream().limit(1))
			.mapToLong(Instant::toEpochMilli)
			.min()
			.orElse(0);
		List<String> lines = new ArrayList<>();
		lines.add("scope,second,calls");
		for (String scope : scopes) {
			Map<Long, Long> bySecond = new TreeMap<>();
			for (Instant at : counters.callTimes(scope)) {
				bySecond.merge((at.toEpochMilli() - start) / 1000, 1L, Long::sum);
			}
			bySecond.forEach((second, calls) -> lines.add(scope + "," + second + "," + calls));
		}
		return lines;
	}
}
