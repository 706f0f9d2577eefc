package com.crosswalk.graph;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * How much of a rate budget Graph says a scope has used, from the {@code X-App-Usage}, {@code X-Page-Usage} and
 * {@code X-Business-Use-Case-Usage} headers. {@code percent} is the highest of call count, CPU time and total time,
 * because Graph throttles as soon as any of them reaches 100. {@link #readings} keeps each header, business object
 * and use-case type apart (a BUC header maps each object to an array of types, each with its own budget);
 * {@link #fromHeaders} folds them all into the highest.
 */
public record Usage(int percent, Duration regainAccess) {

	static final String APP_USAGE = "x-app-usage";

	static final String PAGE_USAGE = "x-page-usage";

	static final String BUSINESS_USE_CASE_USAGE = "x-business-use-case-usage";

	/** The key of a usage reported without saying which header, object or type it came from. */
	static final String ALL = "all";

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

	/**
	 * One reading per header, and per business object and use-case type within {@code X-Business-Use-Case-Usage},
	 * keyed e.g. {@code x-app-usage} or {@code x-business-use-case-usage/123/pages}. Empty when no header is present.
	 */
	public static Map<String, Usage> readings(Map<String, List<String>> headers) {
		Map<String, Usage> readings = new java.util.LinkedHashMap<>();
		for (Map.Entry<String, List<String>> header : headers.entrySet()) {
			if (header.getKey() == null || header.getValue() == null) {
				continue;
			}
			String name = header.getKey().toLowerCase(Locale.ROOT);
			for (String value : header.getValue()) {
				switch (name) {
					case APP_USAGE, PAGE_USAGE -> put(readings, name, fromEntry(GraphJson.parse(value).orElse(null)));
					case BUSINESS_USE_CASE_USAGE -> businessUseCaseReadings(GraphJson.parse(value).orElse(null), readings);
					default -> {
						// not a usage header
					}
				}
			}
		}
		return readings;
	}

	private static void businessUseCaseReadings(JsonNode node, Map<String, Usage> into) {
		if (node == null || !node.isObject()) {
			return;
		}
		for (Map.Entry<String, JsonNode> object : node.properties()) {
			JsonNode entries = object.getValue();
			if (entries.isArray()) {
				int index = 0;
				for (JsonNode entry : entries) {
					String type = (entry != null && entry.isObject()) ? GraphJson.text(entry.get("type")) : null;
					put(into, BUSINESS_USE_CASE_USAGE + "/" + object.getKey() + "/" + ((type != null) ? type : "#" + index),
							fromEntry(entry));
					index++;
				}
			}
			else {
				String type = entries.isObject() ? GraphJson.text(entries.get("type")) : null;
				put(into, BUSINESS_USE_CASE_USAGE + "/" + object.getKey() + "/" + ((type != null) ? type : "#0"),
						fromEntry(entries));
			}
		}
	}

	/** Two readings under one key in the same answer: the higher one counts. */
	private static void put(Map<String, Usage> readings, String key, Usage usage) {
		if (usage != null) {
			readings.merge(key, usage, Usage::max);
		}
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
