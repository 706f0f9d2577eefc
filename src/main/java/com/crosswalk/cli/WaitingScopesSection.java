package com.crosswalk.cli;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.id.IdType;
import com.crosswalk.lookup.BlockedScopes;
import com.crosswalk.lookup.BlockedScopes.BlockedScope;

/**
 * The part of {@code status} about scopes whose IDs wait: those pending ID Matching review (when each was blocked,
 * how many IDs wait, when it is probed next, what Graph said) and those whose credentials failed. Until now this was
 * only in the HTML report of the run that last touched them.
 */
final class WaitingScopesSection {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private static final String ROW = "  %-17s %-5s %-19s %11s  %-19s  %s%n";

	private WaitingScopesSection() {
	}

	static void print(JdbcTemplate jdbc, BlockedScopes blockedScopes, Duration reviewRetryAfter, Instant now,
			PrintStream out) {
		printBlocked(blockedScopes.all(), reviewRetryAfter, now, out);
		printFailedAuth(failedAuth(jdbc), out);
	}

	private static void printBlocked(List<BlockedScope> scopes, Duration reviewRetryAfter, Instant now,
			PrintStream out) {
		if (scopes.isEmpty()) {
			out.println("No scope is blocked pending ID Matching review.");
			return;
		}
		long waiting = scopes.stream().mapToLong(BlockedScope::idsWaiting).sum();
		out.printf("%nBlocked pending ID Matching review: %d scope(s), %,d IDs waiting (times in UTC)%n", scopes.size(),
				waiting);
		out.printf(ROW, "scope", "kind", "blocked since", "IDs waiting", "next probe", "last review message");
		for (BlockedScope scope : scopes) {
			String next = scope.due().isAfter(now) ? TIME.format(scope.due()) : "due: next run";
			out.printf(ROW, scope.scopeId(), scope.kind(), TIME.format(scope.firstBlockedAt()), scope.idsWaiting(),
					next, scope.message());
		}
		String ids = scopes.stream().map(BlockedScope::scopeId).collect(Collectors.joining(","));
		out.println("Each scope gets one probe call on the first run after its next probe time (its last block + "
				+ "crosswalk.graph.review-retry-after, " + reviewRetryAfter.toString().substring(2).toLowerCase()
				+ "). If you know a review has ended, run the same reconcile command with --recheck-blocked (every"
				+ " scope) or --recheck-blocked " + ids + " (those named): one probe call each now, and a scope that"
				+ " answers has its waiting IDs looked up in that run.");
	}

	private static void printFailedAuth(List<FailedAuthScope> scopes, PrintStream out) {
		if (scopes.isEmpty()) {
			return;
		}
		out.printf("%nFailed authentication: %d scope(s), %,d IDs waiting (times in UTC)%n", scopes.size(),
				scopes.stream().mapToLong(FailedAuthScope::ids).sum());
		out.printf(ROW, "scope", "kind", "failing since", "IDs waiting", "last failure", "last error");
		for (FailedAuthScope scope : scopes) {
			out.printf(ROW, scope.scopeId(), scope.idType() == IdType.ASID ? "app" : "Page", TIME.format(scope.since()),
					scope.ids(), TIME.format(scope.last()), scope.message());
		}
		out.println("Their IDs are in failed-auth.csv; every run looks them up again once its start-up credential"
				+ " check passes.");
	}

	private static List<FailedAuthScope> failedAuth(JdbcTemplate jdbc) {
		return jdbc.query("SELECT f.scope_id, f.id_type, MIN(f.failed_at), MAX(f.failed_at), COUNT(*),"
				+ " (SELECT MAX(l.message) FROM cw_failed_auth l WHERE l.scope_id = f.scope_id AND l.failed_at ="
				+ " (SELECT MAX(m.failed_at) FROM cw_failed_auth m WHERE m.scope_id = f.scope_id))"
				+ " FROM cw_failed_auth f GROUP BY f.scope_id, f.id_type ORDER BY MIN(f.failed_at), f.scope_id",
				(rs, i) -> new FailedAuthScope(rs.getString(1), IdType.parse(rs.getString(2)), instant(rs.getTimestamp(3)),
						instant(rs.getTimestamp(4)), rs.getLong(5), rs.getString(6)));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp.toInstant();
	}

	private record FailedAuthScope(String scopeId, IdType idType, Instant since, Instant last, long ids,
			String message) {
	}
}
