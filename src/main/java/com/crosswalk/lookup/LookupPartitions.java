package com.crosswalk.lookup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Splits a lookup pass into partitions, the work of one worker each: a partition per scope with IDs pending in the
 * pass, or, where there are more scopes than workers, the scopes dealt out so that each partition holds about as many
 * pending IDs (the largest scope first, each to the partition holding the fewest so far). Where there are fewer scopes
 * than partitions and the run may slice scopes ({@link ScopeSlicing}), the largest scopes are sliced by lookup order
 * until the partitions are used, each slice a partition of its own; otherwise a scope is never split, and its token,
 * budget and review state stay with one worker. Every lane of the pass gets the same share of the window, whichever
 * partition it runs in.
 */
public class LookupPartitions {

	/** The fewest IDs worth a slice of their own: a few batch requests. */
	private static final int BATCHES_PER_SLICE = 4;

	private final PendingIds pending;

	private final int window;

	private final int batchSize;

	private final ScopeSlicing slicing;

	/**
	 * @param window the most IDs read and not yet recorded, over all partitions of a pass
	 * @param batchSize the Graph client's operations per batch request: the smallest useful page
	 * @param slicing the scopes whose IDs may be sliced into partitions of their own
	 */
	public LookupPartitions(JdbcTemplate jdbc, int window, int batchSize, ScopeSlicing slicing) {
		if (window < 1 || batchSize < 1) {
			throw new IllegalArgumentException("window and batch size must be positive");
		}
		this.pending = new PendingIds(jdbc);
		this.window = window;
		this.batchSize = batchSize;
		this.slicing = slicing;
	}

	/** The pass's partitions, at most {@code most}; none when no ID of the pass is pending. */
	public List<LookupPartition> of(int pass, int most) {
		Map<String, PendingIds.ScopeCount> counts = pending.countsByScope(pass);
		if (counts.isEmpty()) {
			return List.of();
		}
		Map<String, Integer> slices = slices(counts, most);
		int lanes = slices.values().stream().mapToInt(Integer::intValue).sum();
		// a lane's pages fill its share of the window in whole batch requests: a page's last batch goes alone, and a
		// part-full one costs a round trip like a full one (pages of 312 IDs made 12 % more requests on workers)
		int share = window / (lanes * LookupLanes.PAGES_PER_LANE);
		int pageSize = Math.min(window, Math.max(batchSize, share / batchSize * batchSize));
		List<LookupPartition> partitions = new ArrayList<>();
		if (lanes > counts.size()) {
			slices.forEach((scope, parts) -> {
				for (int part = 0; part < parts; part++) {
					partitions.add(new LookupPartition(pass, List.of(scope), pageSize,
							new LookupPartition.Slice(part, parts)));
				}
			});
		}
		else {
			deal(counts, Math.min(most, counts.size())).forEach(
					scopes -> partitions.add(new LookupPartition(pass, List.copyOf(scopes), pageSize)));
		}
		return partitions.stream().sorted(Comparator.comparing(LookupPartition::name)).toList();
	}

	/**
	 * Slices per scope: one each, then, while partitions are left, one more for the sliceable scope whose slices are
	 * the largest now, as long as its slices keep a few batch requests each. A pass lasts as long as its largest
	 * partition, and slicing the largest is what shortens it (choosing the scope whose slices would be largest after
	 * one more slice, as the rule did first, can slice a big scope twice and leave a bigger one whole).
	 */
	private Map<String, Integer> slices(Map<String, PendingIds.ScopeCount> counts, int most) {
		Map<String, Integer> slices = new TreeMap<>();
		counts.keySet().forEach(scope -> slices.put(scope, 1));
		for (int left = most - counts.size(); left > 0; left--) {
			String largest = null;
			double largestSlice = 0;
			for (Map.Entry<String, PendingIds.ScopeCount> scope : counts.entrySet()) {
				long ids = scope.getValue().ids();
				int parts = slices.get(scope.getKey());
				double slice = (double) ids / parts;
				if (slicing.slices(scope.getValue().type()) && ids / (parts + 1) >= (long) BATCHES_PER_SLICE * batchSize
						&& slice > largestSlice) {
					largest = scope.getKey();
					largestSlice = slice;
				}
			}
			if (largest == null) {
				break;
			}
			slices.merge(largest, 1, Integer::sum);
		}
		return slices;
	}

	/** Whole scopes dealt out to {@code partitions}: the largest first, each to the one holding the fewest IDs. */
	private static List<TreeSet<String>> deal(Map<String, PendingIds.ScopeCount> counts, int partitions) {
		List<Long> held = new ArrayList<>();
		List<TreeSet<String>> scopes = new ArrayList<>();
		for (int i = 0; i < partitions; i++) {
			held.add(0L);
			scopes.add(new TreeSet<>());
		}
		counts.entrySet()
			.stream()
			.sorted(Comparator
				.comparing((Map.Entry<String, PendingIds.ScopeCount> scope) -> scope.getValue().ids())
				.reversed()
				.thenComparing(Map.Entry.comparingByKey()))
			.forEach(scope -> {
				int least = 0;
				for (int i = 1; i < partitions; i++) {
					if (held.get(i) < held.get(least)) {
						least = i;
					}
				}
				held.set(least, held.get(least) + scope.getValue().ids());
				scopes.get(least).add(scope.getKey());
			});
		return scopes;
	}
}
