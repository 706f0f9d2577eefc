package com.crosswalk.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers of one run. Input rows add up ({@code rowsRead = rowsAccepted + rowsRejected}) and so do distinct
 * IDs: every one is resolved, covered by another ID's answer, fresh from an earlier run, blocked, failed-auth,
 * permission-denied, rejected by the Graph API, unavailable (left for the next run) or forgotten.
 */
public record RunSummary(
		long executionId, long instanceId, long runNumber, String status, Instant startedAt, Instant endedAt,
		boolean dryRun,
		long rowsRead, long rowsAccepted, long rowsRejected, long distinctIds,
		long idsResolved, long idsCovered, long idsFresh, long idsBlocked, long idsFailedAuth,
		long idsRejectedByGraph, long idsUnavailable, long idsForgotten, long idsPending,
		long identifiers, long persons, long mergesThisRun, long guardViolations,
		long graphCalls, long httpRequests, long batchRequests, long retries, long throttleWaits,
		double throttleWaitSeconds, long throttledAnswers, long blockedScopes, long failedAuthScopes,
		long plannedMinimumCalls, long plannedMaximumCalls,
		long idsPermissionDenied, long permissionDeniedScopes, long policyBlockedScopes, long edgeItemsWithoutOwner) {

	public double elapsedSeconds() {
		return endedAt == null || startedAt == null ? 0 : (endedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
	}

	public long duplicateRows() {
		return rowsAccepted - distinctIds;
	}

	/** True when every input row and every distinct ID is accounted for. */
	public boolean addsUp() {
		return rowsRead == rowsAccepted + rowsRejected
				&& distinctIds == idsResolved + idsCovered + idsFresh + idsBlocked + idsFailedAuth + idsPermissionDenied
						+ idsRejectedByGraph + idsUnavailable + idsForgotten + idsPending;
	}

	public Map<String, Object> asMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("execution_id", executionId);
		m.put("instance_id", instanceId);
		m.put("run", runNumber);
		m.put("status", status);
		m.put("started_at", startedAt == null ? null : startedAt.toString());
		m.put("ended_at", endedAt == null ? null : endedAt.toString());
		m.put("elapsed_seconds", elapsedSeconds());
		m.put("dry_run", dryRun);
		m.put("rows_read", rowsRead);
		m.put("rows_accepted", rowsAccepted);
		m.put("rows_rejected", rowsRejected);
		m.put("duplicate_rows_merged", duplicateRows());
		m.put("distinct_ids", distinctIds);
		m.put("ids_resolved", idsResolved);
		m.put("ids_covered_by_other_answers", idsCovered);
		m.put("ids_fresh_from_earlier_runs", idsFresh);
		m.put("ids_blocked_pending_review", idsBlocked);
		m.put("ids_failed_auth", idsFailedAuth);
		m.put("ids_permission_denied", idsPermissionDenied);
		m.put("ids_rejected_by_graph", idsRejectedByGraph);
		m.put("ids_unavailable", idsUnavailable);
		m.put("ids_forgotten", idsForgotten);
		m.put("ids_not_looked_up", idsPending);
		m.put("identifiers_in_table", identifiers);
		m.put("persons", persons);
		m.put("merges", mergesThisRun);
		m.put("guard_violations", guardViolations);
		m.put("graph_calls", graphCalls);
		m.put("http_requests", httpRequests);
		m.put("batch_requests", batchRequests);
		m.put("retries", retries);
		m.put("throttle_waits", throttleWaits);
		m.put("throttle_wait_seconds", throttleWaitSeconds);
		m.put("throttled_answers", throttledAnswers);
		m.put("blocked_scopes", blockedScopes);
		m.put("failed_auth_scopes", failedAuthScopes);
		m.put("permission_denied_scopes", permissionDeniedScopes);
		m.put("policy_blocked_scopes", policyBlockedScopes);
		m.put("edge_items_without_owner", edgeItemsWithoutOwner);
		m.put("planned_calls_min", plannedMinimumCalls);
		m.put("planned_calls_max", plannedMaximumCalls);
		m.put("adds_up", addsUp());
		return m;
	}

	public String toText() {
		return String.format(Locale.ROOT, """
				Crosswalk run %d (execution %d): %s in %.1f s
				  rows read       %,12d = accepted %,d + rejected %,d%s
				  distinct IDs    %,12d (%,d duplicate rows merged)
				    resolved      %,12d   covered by another answer %,d   fresh from earlier runs %,d
				    blocked       %,12d   failed auth %,d   permission denied %,d   rejected by Graph %,d
				                  unavailable %,d   forgotten %,d
				  identity table  %,12d identifiers, %,d persons, %,d merges, %,d guard violations
				  Graph calls     %,12d in %,d HTTP requests (%,d batches), %,d retries, %,d throttle waits (%.1f s),
				                  %,d throttled answers, %d blocked scopes, %d failed-auth scopes,
				                  %d permission-denied scopes, %d policy-blocked scopes, %,d edge items without owner
				""", runNumber, executionId, status, elapsedSeconds(), rowsRead, rowsAccepted, rowsRejected,
				addsUp() ? "" : "  (DOES NOT ADD UP)", distinctIds, duplicateRows(), idsResolved, idsCovered, idsFresh,
				idsBlocked, idsFailedAuth, idsPermissionDenied, idsRejectedByGraph, idsUnavailable, idsForgotten,
				identifiers, persons,
				mergesThisRun, guardViolations, graphCalls, httpRequests, batchRequests, retries, throttleWaits,
				throttleWaitSeconds, throttledAnswers, blockedScopes, failedAuthScopes, permissionDeniedScopes,
				policyBlockedScopes, edgeItemsWithoutOwner);
	}
}
