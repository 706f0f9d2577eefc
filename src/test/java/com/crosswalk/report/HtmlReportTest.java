package com.crosswalk.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.crosswalk.report.ReportData.BlockedScope;
import com.crosswalk.report.ReportData.Budget;
import com.crosswalk.report.ReportData.IdsPerPerson;
import com.crosswalk.report.ReportData.RejectionReason;

class HtmlReportTest {

	private static final String HOSTILE = "<script>alert('x')</script>\"&<img src=http://example.com/x>|`";

	@Test
	void everyValueFromTheDataIsEscapedAndNothingIsFetched() {
		ReportData data = data(List.of(new RejectionReason("INPUT", "scoped_id", HOSTILE, 3,
				List.of("input.csv line 7: '" + HOSTILE + "'"))));

		String html = HtmlReport.render(data);

		assertThat(html).doesNotContain("<script").doesNotContain("<img")
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;&lt;img");
		assertThat(html).as("no tag loads anything").doesNotContainPattern("(?i)<[^>]*\\b(src|href)=");
	}

	@Test
	void markdownKeepsHostileTextInsideItsTableCell() {
		String md = MarkdownReport.render(data(List.of(new RejectionReason("INPUT", "scoped_id", "a|b\nc<d>", 1,
				List.of()))));

		assertThat(md).contains("| a\\|b c&lt;d&gt; |");
	}

	@Test
	void emptySectionsSaySoInsteadOfDrawingNothing() {
		ReportData empty = new ReportData(summary(0), new TreeMap<>(), new Budget(0, "none"), List.of(), List.of(),
				List.of(), Instant.EPOCH);

		String html = HtmlReport.render(empty);

		assertThat(html).contains("No Graph call in this run.").contains("No app or Page is blocked pending review.")
			.contains("Nothing was rejected in this run.").contains("The identity table has no person yet.");
	}

	private static ReportData data(List<RejectionReason> reasons) {
		TreeMap<Instant, Long> perMinute = new TreeMap<>();
		perMinute.put(Instant.parse("2026-03-01T02:00:00Z"), 120L);
		perMinute.put(Instant.parse("2026-03-01T02:01:00Z"), 80L);
		return new ReportData(summary(200), perMinute, new Budget(150, "budget"), List.of(new IdsPerPerson(2, 5)),
				List.of(new BlockedScope("123", "psid", HOSTILE, Instant.EPOCH, Instant.EPOCH, 4)), reasons,
				Instant.EPOCH);
	}

	private static RunSummary summary(long graphCalls) {
		return new RunSummary(1, 1, 1, "COMPLETED", Instant.EPOCH, Instant.EPOCH, false, 10, 7, 3, 7, 7, 0, 0, 0, 0,
				0, 0, 0, 0, 7, 3, 0, 0, graphCalls, 5, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	}
}
