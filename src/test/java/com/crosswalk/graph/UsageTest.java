package com.crosswalk.graph;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UsageTest {

	@Test
	void appUsageTakesTheHighestPercentageInAnyCase() {
		var usage = Usage.fromHeaders(
				Map.of("X-App-Usage", List.of("{\"call_count\":28,\"total_time\":61,\"total_cputime\":25}")));

		assertThat(usage).contains(new Usage(61, Duration.ZERO));
	}

	@Test
	void businessUseCaseUsageReadsEveryEntryAndTheRegainTimeInMinutes() {
		String buc = "{\"111\":[{\"type\":\"pages\",\"call_count\":97,\"total_cputime\":23,\"total_time\":23,"
				+ "\"estimated_time_to_regain_access\":0}],\"222\":[{\"type\":\"messenger\",\"call_count\":\"40\","
				+ "\"estimated_time_to_regain_access\":3}]}";

		var usage = Usage.fromHeaders(Map.of("x-business-use-case-usage", List.of(buc)));

		assertThat(usage).contains(new Usage(97, Duration.ofMinutes(3)));
	}

	@Test
	void pageUsageAndAppUsageCombineToTheWorst() {
		var usage = Usage.fromHeaders(Map.of("x-page-usage", List.of("{\"call_count\":80}"), "X-APP-USAGE",
				List.of("{\"call_count\":10}")));

		assertThat(usage).contains(new Usage(80, Duration.ZERO));
		assertThat(usage.get().atOrAbove(0.75)).isTrue();
		assertThat(usage.get().atOrAbove(0.95)).isFalse();
	}

	@Test
	void readingsKeepEachBusinessObjectAndTypeApart() {
		String buc = "{\"111\":[{\"type\":\"pages\",\"call_count\":97},{\"type\":\"messenger\",\"call_count\":40,"
				+ "\"estimated_time_to_regain_access\":2}],\"222\":[{\"type\":\"pages\",\"call_count\":5}]}";

		Map<String, Usage> readings = Usage.readings(Map.of("X-Business-Use-Case-Usage", List.of(buc), "x-app-usage",
				List.of("{\"call_count\":20}")));

		assertThat(readings).containsOnly(Map.entry("x-app-usage", new Usage(20, Duration.ZERO)),
				Map.entry("x-business-use-case-usage/111/pages", new Usage(97, Duration.ZERO)),
				Map.entry("x-business-use-case-usage/111/messenger", new Usage(40, Duration.ofMinutes(2))),
				Map.entry("x-business-use-case-usage/222/pages", new Usage(5, Duration.ZERO)));
	}

	@Test
	void absentOrUnreadableHeadersAreNoUsage() {
		assertThat(Usage.fromHeaders(Map.of("content-type", List.of("application/json")))).isEmpty();
		assertThat(Usage.fromHeaders(Map.of("x-app-usage", List.of("{not json")))).isEmpty();
	}
}
