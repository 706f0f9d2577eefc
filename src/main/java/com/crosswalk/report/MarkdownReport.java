package com.crosswalk.report;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import com.crosswalk.report.ReportData.BlockedScope;
import com.crosswalk.report.ReportData.IdsPerPerson;
import com.crosswalk.report.ReportData.RejectionReason;

/**
 * The run report as Markdown, for a ticket or a chat message: the same sections as {@link HtmlReport}, with text
 * bars instead of SVG.
 */
public final class MarkdownReport {

	private static final int BAR_WIDTH = 40;

	private MarkdownReport() {
	}

	public static String render(ReportData data) {
		RunSummary s = data.summary();
		StringBuilder md = new StringBuilder(8_192);
		md.append("# Crosswalk run ").append(s.runNumber()).append(" — ").append(s.status()).append("\n\n");
		md.append(String.format(Locale.ROOT, "Execution %d, started %s, ended %s (%.1f s)%s. Report written %s.%n%n",
				s.executionId(), HtmlReport.time(s.startedAt()), HtmlReport.time(s.endedAt()), s.elapsedSeconds(),
				s.dryRun() ? ", **dry run** (no Graph call)" : "", HtmlReport.time(data.generatedAt())));
		if (!s.addsUp()) {
			md.append("> **The counts do not add up**: some rows or IDs are not accounted for. See run-summary.json.\n\n");
		}
		md.append("## Summary\n\n| | count |\n|---|---:|\n");
		count(md, "rows read", s.rowsRead());
		count(md, "rows accepted", s.rowsAccepted());
		count(md, "rows rejected", s.rowsRejected());
		count(md, "distinct IDs", s.distinctIds());
		count(md, "IDs resolved", s.idsResolved());
		count(md, "covered by another answer", s.idsCovered());
		count(md, "fresh from earlier runs", s.idsFresh());
		count(md, "blocked pending review", s.idsBlocked());
		count(md, "failed auth", s.idsFailedAuth());
		count(md, "permission denied", s.idsPermissionDenied());
		count(md, "rejected by Graph", s.idsRejectedByGraph());
		count(md, "unavailable (next run)", s.idsUnavailable());
		count(md, "forgotten (privacy)", s.idsForgotten());
		count(md, "identifiers in table", s.identifiers());
		count(md, "persons", s.persons());
		count(md, "merges this run", s.mergesThisRun());
		count(md, "guard violations", s.guardViolations());
		count(md, "Graph calls", s.graphCalls());
		count(md, "HTTP requests", s.httpRequests());
		count(md, "batch requests", s.batchRequests());

		md.append("\n## Graph calls per minute\n\nBudget: ").append(cell(data.budget().description()))
			.append(String.format(Locale.ROOT, ". Busiest minute: %,d calls.%n%n", data.busiestMinute()));
		if (data.callsPerMinute().isEmpty()) {
			md.append("No Graph call in this run.\n");
		}
		else {
			double top = Math.max(data.busiestMinute(), data.budget().callsPerMinute());
			md.append("```\n");
			for (Map.Entry<Instant, Long> minute : data.callsPerMinute().entrySet()) {
				md.append(String.format(Locale.ROOT, "%s %-" + BAR_WIDTH + "s %,d%n",
						minute.getKey().toString().substring(11, 16), bar(minute.getValue(), top), minute.getValue()));
			}
			md.append("```\n");
		}

		md.append("\n## Throttling and retries\n\n| | |\n|---|---:|\n");
		count(md, "throttle pauses", s.throttleWaits());
		md.append(String.format(Locale.ROOT, "| time spent in throttle pauses | %.1f s |%n", s.throttleWaitSeconds()));
		count(md, "answers with a rate-limit code", s.throttledAnswers());
		count(md, "retries after transient faults", s.retries());
		count(md, "scopes found pending review this run", s.blockedScopes());
		count(md, "scopes whose token or proof was refused", s.failedAuthScopes());
		count(md, "scopes refused for a missing permission", s.permissionDeniedScopes());
		count(md, "scopes blocked by Graph for policy (#368)", s.policyBlockedScopes());
		count(md, "edge items without their app or Page (not filed)", s.edgeItemsWithoutOwner());

		md.append("\n## IDs per person\n\n");
		if (data.idsPerPerson().isEmpty()) {
			md.append("The identity table has no person yet.\n");
		}
		else {
			long most = data.idsPerPerson().stream().mapToLong(IdsPerPerson::persons).max().orElse(1);
			md.append("```\n");
			for (IdsPerPerson bucket : data.idsPerPerson()) {
				md.append(String.format(Locale.ROOT, "%3d IDs %-" + BAR_WIDTH + "s %,d persons%n", bucket.ids(),
						bar(bucket.persons(), most), bucket.persons()));
			}
			md.append("```\n");
		}

		md.append("\n## Blocked scopes (pending app review)\n\n");
		if (data.blockedScopes().isEmpty()) {
			md.append("No app or Page is blocked pending review.\n");
		}
		else {
			md.append("| scope | IDs blocked | review message | blocked since | next probe after |\n"
					+ "|---|---:|---|---|---|\n");
			for (BlockedScope scope : data.blockedScopes()) {
				md.append("| ").append("asid".equals(scope.idType()) ? "app " : "Page ").append(cell(scope.scopeId()))
					.append(String.format(Locale.ROOT, " | %,d | ", scope.blockedIds())).append(cell(scope.message()))
					.append(" | ").append(HtmlReport.time(scope.blockedSince())).append(" | ")
					.append(HtmlReport.time(scope.nextProbe())).append(" |\n");
			}
		}

		md.append("\n## Top rejection reasons\n\n");
		if (data.rejectionReasons().isEmpty()) {
			md.append("Nothing was rejected in this run.\n");
		}
		else {
			md.append("| rows | stage | field | reason | examples |\n|---:|---|---|---|---|\n");
			for (RejectionReason reason : data.rejectionReasons()) {
				md.append(String.format(Locale.ROOT, "| %,d | ", reason.rows())).append(cell(reason.stage()))
					.append(" | ").append(cell(reason.field())).append(" | ").append(cell(reason.reason())).append(" | ");
				md.append(String.join("<br>", reason.examples().stream().map(e -> "`" + e.replace("`", "'") + "`")
					.map(MarkdownReport::cell).toList()));
				md.append(" |\n");
			}
		}
		return md.toString();
	}

	private static void count(StringBuilder md, String label, long value) {
		md.append("| ").append(label).append(String.format(Locale.ROOT, " | %,d |%n", value));
	}

	private static String bar(long value, double top) {
		int length = top <= 0 ? 0 : (int) Math.round(value / top * BAR_WIDTH);
		return "#".repeat(value > 0 ? Math.max(1, length) : 0);
	}

	/** Table cells: a pipe or a line break would end the cell, and raw HTML would render in most viewers. */
	private static String cell(String text) {
		if (text == null) {
			return "";
		}
		return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
			.replace("<", "&lt;").replace(">", "&gt;");
	}
}
