package com.crosswalk.report;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the run report shows, gathered once (by {@link ReportDataReader}) so the HTML and Markdown pages
 * render the same numbers.
 *
 * @param summary the run's counts
 * @param callsPerMinute Graph calls by the minute they were sent in (minutes without calls are absent)
 * @param budget the configured call budget, as calls per minute across the business's scopes
 * @param idsPerPerson how many persons have 1, 2, 3... scoped IDs (PSIDs and ASIDs), smallest count first
 * @param blockedScopes apps and Pages whose ID Matching calls are refused pending review
 * @param rejectionReasons the most frequent reasons rows or IDs were rejected in this run, most frequent first
 * @param generatedAt when the report was written
 */
public record ReportData(RunSummary summary, SortedMap<Instant, Long> callsPerMinute, Budget budget,
		List<IdsPerPerson> idsPerPerson, List<BlockedScope> blockedScopes, List<RejectionReason> rejectionReasons,
		Instant generatedAt) {

	public ReportData {
		callsPerMinute = Collections.unmodifiableSortedMap(new TreeMap<>(callsPerMinute));
		idsPerPerson = List.copyOf(idsPerPerson);
		blockedScopes = List.copyOf(blockedScopes);
		rejectionReasons = List.copyOf(rejectionReasons);
	}

	public long busiestMinute() {
		return callsPerMinute.values().stream().mapToLong(Long::longValue).max().orElse(0);
	}

	/**
	 * The client-side budget. Graph limits each app and Page separately; the report adds them up, since all of a
	 * business's scopes are called in the same minutes.
	 *
	 * @param callsPerMinute the business-wide allowance per minute; 0 when no client-side budget is configured
	 * @param description how the allowance is made up, for a person
	 */
	public record Budget(double callsPerMinute, String description) {

		public boolean configured() {
			return callsPerMinute > 0;
		}
	}

	public record IdsPerPerson(long ids, long persons) {
	}

	/**
	 * @param nextProbe the time after which the next run sends one probe call to see whether review is over
	 * @param blockedIds IDs of this scope currently in blocked-pending-review.csv
	 */
	public record BlockedScope(String scopeId, String idType, String message, Instant blockedSince,
			Instant nextProbe, long blockedIds) {
	}

	/**
	 * @param examples a few rejected lines: where, and the offending value
	 */
	public record RejectionReason(String stage, String field, String reason, long rows, List<String> examples) {

		public RejectionReason {
			examples = List.copyOf(examples);
		}
	}
}
