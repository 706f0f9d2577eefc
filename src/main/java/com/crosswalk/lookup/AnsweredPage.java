package com.crosswalk.lookup;

import java.util.List;

import com.crosswalk.graph.LookupOutcome;

/** A page of pending IDs with their lookup outcomes, in the same order. */
public record AnsweredPage(List<PendingId> ids, List<LookupOutcome> outcomes) {

	public AnsweredPage {
		ids = List.copyOf(ids);
		outcomes = List.copyOf(outcomes);
	}
}
