package com.crosswalk.graph;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * How much of a rate budget Graph says a scope has used, from the {@code X-App-Usage}, {@code X-Page-Usage} and
 * {@code X-Business-Use-Case-Usage} headers. {@code percent} is the highest of call count, CPU time and total time
 * over every header and entry, because Graph throttles as soon as any of them reaches 100.
 */
public record Usage(int percent, Duration regainAccess) {

	static final String APP_USAGE = "x-app-usage";

	static final String PAGE_USAGE = "x-page-usage";

	static final String BUSINESS_USE_CASE_USAGE = "x-business-use-case-usage";

	private static final List<String> PERCENT_FIELDS = List.of("call_count", "total_cputime", "total_time");

	public Usage {
		regainAccess = (regainAccess == null || regainAccess.isNegative()) ? Duration.ZERO : regainAccess;
	}

	/**
	 * Reads the usage headers (names in any case). Empty when none is present: Graph only sends them once enough
	 * calls were made, so absence is not 0%.
	 */
	public static Optional<Usage> fromHeaders(Map<String, List<String>> headers) {
		Usage result = null;
		for (Map.Entry<String, List<String>> header : headers.entrySet()) {
			if (header.getKey() == null || header.getValue() == null) {
				continue;
			}
			String name = header.getKey().toLowerCase(Locale.ROOT);
			for (String value : header.getValue()) {
				Usage usage = switch (name) {
					case APP_USAGE, PAGE_USAGE -> fromEntry(GraphJson.parse(value).orElse(null));
					case BUSINESS_USE_CASE_USAGE -> fromBusinessUseCase(GraphJson.parse(value).orElse(null));
					default -> null;
				};
				result = max(result, usage);
			}
		}
		return Optional.ofNullable(result);
	}

	public boolean atOrAbove(double share) {
		return percent >= share * 100.0;
	}

	static Usage max(Usage a, Usage b) {
		if (a == null) {
			return b;
		}
		if (b == null) {
			return a;
		}
		return new Usage(Math.max(a.percent, b.percent),
				(a.regainAccess.compareTo(b.regainAccess) >= 0) ? a.regainAccess : b.regainAccess);
	}

	private static Usage fromBusinessUseCase(JsonNode node) {
		if (node == null || !node.isObject()) {
			return null;
		}
		Usage result = null;
		for (Map.Entry<String, JsonNode> business : node.properties()) {
			JsonNode entries = business.getValue();
			if (entries.isArray()) {
				for (JsonNode entry : entries) {
					result = max(result, fromEntry(entry));
				}
			}
			else {
				result = max(result, fromEntry(entries));
			}
		}
		return result;
	}

	private static Usage fromEntry(JsonNode entry) {
		if (entry == null || !entry.isObject()) {
			return null;
		}
		long percent = -1;
		for (String field : PERCENT_FIELDS) {
			percent = Math.max(percent, GraphJson.longValue(entry.get(field)).orElse(-1));
		}
		long regainMinutes = GraphJson.longValue(entry.get("estimated_time_to_regain_access")).orElse(0);
		if (percent < 0 && regainMinutes <= 0) {
			return null;
		}
		return new Usage((int) Math.max(0, percent), Duration.ofMinutes(regainMinutes));
	}
}
