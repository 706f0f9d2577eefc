package com.crosswalk.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.crosswalk.report.ReportData.BlockedScope;
import com.crosswalk.report.ReportData.IdsPerPerson;
import com.crosswalk.report.ReportData.RejectionReason;

/**
 * The run report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched, so it opens from a
 * mail attachment or a file share. Every value from the data is escaped: rejected input lines and Graph messages are
 * untrusted text.
 */
public final class HtmlReport {

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final String STYLE = """
			body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1100px;
			  padding:0 1em;color:#1d232b;background:#fff}
			h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #d7dce2;
			  padding-bottom:.2em}
			.meta{color:#5b6672}.warn{background:#fff4e5;border-left:4px solid #e8890c;padding:.5em 1em}
			.status-COMPLETED{color:#1a7f37}.status-FAILED,.status-STOPPED{color:#cf222e}
			.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:.6em}
			.card{border:1px solid #d7dce2;border-radius:6px;padding:.5em .8em}
			.card .n{font-size:1.5em;font-weight:600;font-variant-numeric:tabular-nums}
			.card .l{color:#5b6672;font-size:.9em}
			table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3em .6em;
			  border-bottom:1px solid #eaeef2;vertical-align:top}td.num,th.num{text-align:right;
			  font-variant-numeric:tabular-nums}
			code{font-size:.9em;background:#f3f5f7;padding:0 .25em;border-radius:3px;word-break:break-all}
			svg{max-width:100%;height:auto}.bar{fill:#2f6fbf}.budget{stroke:#cf222e;stroke-dasharray:6 4}
			.axis{font-size:11px;fill:#5b6672}.empty{color:#5b6672;font-style:italic}
			""";

	private HtmlReport() {
	}

	public static String render(ReportData data) {
		RunSummary s = data.summary();
		StringBuilder html = new StringBuilder(16_384);
		html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
			// no network: the page may not even fetch a favicon or a font
			.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
			.append("<title>Crosswalk run ").append(s.runNumber()).append(" — ").append(esc(s.status()))
			.append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
		html.append("<h1>Crosswalk run ").append(s.runNumber()).append(" <span id=\"status\" class=\"status-")
			.append(esc(s.status())).append("\">").append(esc(s.status())).append("</span></h1>\n");
		html.append("<p class=\"meta\">Execution ").append(s.executionId()).append(", started ")
			.append(esc(time(s.startedAt()))).append(", ended ").append(esc(time(s.endedAt())))
			.append(String.format(Locale.ROOT, " (%.1f s)", s.elapsedSeconds()))
			.append(s.dryRun() ? ", <strong>dry run</strong> (no Graph call)" : "").append(". Report written ")
			.append(esc(time(data.generatedAt()))).append(".</p>\n");
		if (!s.addsUp()) {
			html.append("<p class=\"warn\" id=\"does-not-add-up\">The counts do not add up: some rows or IDs are not"
					+ " accounted for. See run-summary.json.</p>\n");
		}
		summary(html, s);
		callsPerMinute(html, data);
		throttling(html, s);
		histogram(html, data.idsPerPerson());
		blockedScopes(html, data.blockedScopes());
		rejections(html, data.rejectionReasons());
		html.append("<p class=\"meta\">Files beside this report: identities.csv, blocked-pending-review.csv,"
				+ " failed-auth.csv, permission-denied.csv, rejected-rows.csv, merge-log.csv, run-summary.json.</p>\n</body>\n</html>\n");
		return html.toString();
	}

	private static void summary(StringBuilder html, RunSummary s) {
		html.append("<h2>Summary</h2>\n<div class=\"cards\" id=\"summary\">\n");
		card(html, "rows_read", "rows read", s.rowsRead());
		card(html, "rows_accepted", "rows accepted", s.rowsAccepted());
		card(html, "rows_rejected", "rows rejected", s.rowsRejected());
		card(html, "distinct_ids", "distinct IDs", s.distinctIds());
		card(html, "ids_resolved", "IDs resolved", s.idsResolved());
		card(html, "ids_covered", "covered by another answer", s.idsCovered());
		card(html, "ids_fresh", "fresh from earlier runs", s.idsFresh());
		card(html, "ids_blocked", "blocked pending review", s.idsBlocked());
		card(html, "ids_failed_auth", "failed auth", s.idsFailedAuth());
		card(html, "ids_permission_denied", "permission denied", s.idsPermissionDenied());
		card(html, "ids_rejected_by_graph", "rejected by Graph", s.idsRejectedByGraph());
		card(html, "ids_unavailable", "unavailable (next run)", s.idsUnavailable());
		card(html, "ids_forgotten", "forgotten (privacy)", s.idsForgotten());
		card(html, "identifiers", "identifiers in table", s.identifiers());
		card(html, "persons", "persons", s.persons());
		card(html, "merges", "merges this run", s.mergesThisRun());
		card(html, "guard_violations", "guard violations", s.guardViolations());
		card(html, "graph_calls", "Graph calls", s.graphCalls());
		card(html, "http_requests", "HTTP requests", s.httpRequests());
		card(html, "batch_requests", "batch requests", s.batchRequests());
		html.append("</div>\n");
	}

	private static void card(StringBuilder html, String key, String label, long value) {
		html.append("<div class=\"card\"><div class=\"n\" data-count=\"").append(key).append("\">")
			.append(String.format(Locale.ROOT, "%,d", value)).append("</div><div class=\"l\">").append(esc(label))
			.append("</div></div>\n");
	}

	private static void callsPerMinute(StringBuilder html, ReportData data) {
		html.append("<h2>Graph calls per minute</h2>\n<section id=\"calls-per-minute\">\n<p>Budget: <span id=\"budget\">")
			.append(esc(data.budget().description())).append("</span>. Busiest minute: <span id=\"busiest-minute\">")
			.append(String.format(Locale.ROOT, "%,d", data.busiestMinute())).append("</span> calls.</p>\n");
		if (data.callsPerMinute().isEmpty()) {
			html.append("<p class=\"empty\">No Graph call in this run.</p>\n</section>\n");
			return;
		}
		int bars = data.callsPerMinute().size();
		int width = 900;
		int height = 220;
		int left = 50;
		int bottom = 24;
		double plotWidth = width - left - 10;
		double plotHeight = height - bottom - 10;
		double top = Math.max(data.busiestMinute(), data.budget().callsPerMinute()) * 1.1;
		double barWidth = plotWidth / bars;
		html.append("<svg viewBox=\"0 0 ").append(width).append(' ').append(height)
			.append("\" role=\"img\" aria-label=\"Graph calls per minute\">\n");
		html.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"16\" text-anchor=\"end\">%,d</text>%n",
				left - 6, Math.round(top)));
		html.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%.0f\" text-anchor=\"end\">0</text>%n",
				left - 6, 10 + plotHeight));
		int i = 0;
		for (Map.Entry<Instant, Long> minute : data.callsPerMinute().entrySet()) {
			double h = minute.getValue() / top * plotHeight;
			double x = left + i * barWidth;
			html.append(String.format(Locale.ROOT,
					"<rect class=\"bar\" data-minute=\"%s\" data-calls=\"%d\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"><title>%s UTC: %,d calls</title></rect>%n",
					esc(minute.getKey().toString()), minute.getValue(), x, 10 + plotHeight - h,
					Math.max(barWidth * 0.85, 0.5), h, esc(MINUTE.format(minute.getKey())), minute.getValue()));
			if (i == 0 || i == bars - 1 || bars <= 12) {
				html.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%d\">%s</text>%n", x,
						height - 6, esc(MINUTE.format(minute.getKey()))));
			}
			i++;
		}
		if (data.budget().configured()) {
			double y = 10 + plotHeight - data.budget().callsPerMinute() / top * plotHeight;
			html.append(String.format(Locale.ROOT,
					"<line class=\"budget\" id=\"budget-line\" x1=\"%d\" x2=\"%d\" y1=\"%.2f\" y2=\"%.2f\"><title>budget: %.1f calls per minute</title></line>%n",
					left, width - 10, y, y, data.budget().callsPerMinute()));
		}
		html.append("</svg>\n</section>\n");
	}

	private static void throttling(StringBuilder html, RunSummary s) {
		html.append("<h2>Throttling and retries</h2>\n<table id=\"throttling\">\n");
		row(html, "throttle_waits", "throttle pauses (a scope paused or at its budget)", s.throttleWaits());
		html.append(String.format(Locale.ROOT,
				"<tr><th>time spent in throttle pauses</th><td class=\"num\" data-count=\"throttle_wait_seconds\">%.1f s</td></tr>%n",
				s.throttleWaitSeconds()));
		row(html, "throttled_answers", "answers with a rate-limit code", s.throttledAnswers());
		row(html, "retries", "retries after transient faults", s.retries());
		row(html, "blocked_scopes", "scopes found pending review this run", s.blockedScopes());
		row(html, "failed_auth_scopes", "scopes whose token or proof was refused", s.failedAuthScopes());
		row(html, "permission_denied_scopes", "scopes refused for a missing permission", s.permissionDeniedScopes());
		row(html, "policy_blocked_scopes", "scopes blocked by Graph for policy (#368)", s.policyBlockedScopes());
		row(html, "edge_items_without_owner", "edge items without their app or Page (not filed)",
				s.edgeItemsWithoutOwner());
		html.append("</table>\n");
	}

	private static void row(StringBuilder html, String key, String label, long value) {
		html.append("<tr><th>").append(esc(label)).append("</th><td class=\"num\" data-count=\"").append(key)
			.append("\">").append(String.format(Locale.ROOT, "%,d", value)).append("</td></tr>\n");
	}

	private static void histogram(StringBuilder html, List<IdsPerPerson> histogram) {
		html.append("<h2>IDs per person</h2>\n<section id=\"ids-per-person\">\n");
		if (histogram.isEmpty()) {
			html.append("<p class=\"empty\">The identity table has no person yet.</p>\n</section>\n");
			return;
		}
		long most = histogram.stream().mapToLong(IdsPerPerson::persons).max().orElse(1);
		int rowHeight = 22;
		int width = 900;
		int left = 90;
		html.append("<svg viewBox=\"0 0 ").append(width).append(' ').append(histogram.size() * rowHeight + 4)
			.append("\" role=\"img\" aria-label=\"persons by number of IDs\">\n");
		for (int i = 0; i < histogram.size(); i++) {
			IdsPerPerson bucket = histogram.get(i);
			double w = Math.max(1, (double) bucket.persons() / most * (width - left - 90));
			int y = i * rowHeight + 2;
			html.append(String.format(Locale.ROOT,
					"<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%d ID%s</text>"
							+ "<rect class=\"bar\" data-ids=\"%d\" data-persons=\"%d\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\"></rect>"
							+ "<text class=\"axis\" x=\"%.1f\" y=\"%d\">%,d</text>%n",
					left - 8, y + 15, bucket.ids(), bucket.ids() == 1 ? "" : "s", bucket.ids(), bucket.persons(), left,
					y, w, rowHeight - 6, left + w + 6, y + 15, bucket.persons()));
		}
		html.append("</svg>\n</section>\n");
	}

	private static void blockedScopes(StringBuilder html, List<BlockedScope> scopes) {
		html.append("<h2>Blocked scopes (pending app review)</h2>\n");
		if (scopes.isEmpty()) {
			html.append("<p class=\"empty\" id=\"blocked-scopes\">No app or Page is blocked pending review.</p>\n");
			return;
		}
		html.append("<table id=\"blocked-scopes\">\n<tr><th>scope</th><th class=\"num\">IDs blocked</th>"
				+ "<th>review message</th><th>blocked since</th><th>next probe after</th></tr>\n");
		for (BlockedScope scope : scopes) {
			html.append("<tr data-scope=\"").append(esc(scope.scopeId())).append("\"><td>")
				.append("asid".equals(scope.idType()) ? "app " : "Page ").append(esc(scope.scopeId()))
				.append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%,d", scope.blockedIds()))
				.append("</td><td>").append(esc(scope.message())).append("</td><td>")
				.append(esc(time(scope.blockedSince()))).append("</td><td class=\"next-probe\">")
				.append(esc(time(scope.nextProbe()))).append("</td></tr>\n");
		}
		html.append("</table>\n");
	}

	private static void rejections(StringBuilder html, List<RejectionReason> reasons) {
		html.append("<h2>Top rejection reasons</h2>\n");
		if (reasons.isEmpty()) {
			html.append("<p class=\"empty\" id=\"rejections\">Nothing was rejected in this run.</p>\n");
			return;
		}
		html.append("<table id=\"rejections\">\n<tr><th class=\"num\">rows</th><th>stage</th><th>field</th>"
				+ "<th>reason</th><th>examples</th></tr>\n");
		for (RejectionReason reason : reasons) {
			html.append("<tr><td class=\"num\" data-rows>").append(String.format(Locale.ROOT, "%,d", reason.rows()))
				.append("</td><td>").append(esc(reason.stage())).append("</td><td>").append(esc(reason.field()))
				.append("</td><td class=\"reason\">").append(esc(reason.reason())).append("</td><td>");
			for (String example : reason.examples()) {
				html.append("<code>").append(esc(example)).append("</code><br>");
			}
			html.append("</td></tr>\n");
		}
		html.append("</table>\n");
	}

	/** UTC, to the second: the report is read across time zones. */
	static String time(Instant instant) {
		return instant == null ? "-" : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
	}

	/** Text and attribute values alike: the five characters HTML gives meaning to. */
	static String esc(Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}
}
