package com.crosswalk.lookup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Splits a lookup pass into partitions, the work of one worker each: a partition per scope with IDs pending in the
 * pass, or, where there are more scopes than workers, the scopes dealt out so that each partition holds about as many
 * pending IDs (the largest scope first, each to the partition holding the fewest so far). A scope is never split: its
 * token, budget and review state stay with one worker. Every lane of the pass gets the same share of the window,
 * whichever partition it runs in.
 */
public class LookupPartitions {

	private final PendingIds pending;

	private final int window;

	private final int batchSize;

	/**
	 * @param window the most IDs read and not yet recorded, over all partitions of a pass
	 * @param batchSize the Graph client's operations per batch request: the smallest useful page
	 */
	public LookupPartitions(JdbcTemplate jdbc, int window, int batchSize) {
		if (window < 1 || batchSize < 1) {
			throw new IllegalArgumentException("window and batch size must be positive");
		}
		this.pending = new PendingIds(jdbc);
		this.window = window;
		this.batchSize = batchSize;
	}

	/** The pass's partitions, at most {@code most}; none when no ID of the pass is pending. */
	public List<LookupPartition> of(int pass, int most) {
		Map<String, Long> counts = pending.countsByScope(pass);
		if (counts.isEmpty()) {
			return List.of();
		}
		// a lane's pages fill its share of the window, but are never smaller than one batch request
		int pageSize = Math.min(window,
				Math.max(batchSize, window / (counts.size() * LookupLanes.PAGES_PER_LANE)));
		int partitions = Math.min(most, counts.size());
		List<Long> held = new ArrayList<>();
		List<TreeSet<String>> scopes = new ArrayList<>();
		for (int i = 0; i < partitions; i++) {
			held.add(0L);
			scopes.add(new TreeSet<>());
		}
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.forEach(scope -> {
				int least = 0;
				for (int i = 1; i < partitions; i++) {
					if (held.get(i) < held.get(least)) {
						least = i;
					}
				}
				held.set(least, held.get(least) + scope.getValue());
				scopes.get(least).add(scope.getKey());
			});
		return scopes.stream()
			.map(s -> new LookupPartition(pass, List.copyOf(s), pageSize))
			.sorted(Comparator.comparing(LookupPartition::name))
			.toList();
	}
}
