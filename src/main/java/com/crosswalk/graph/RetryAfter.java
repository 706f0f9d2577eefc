package com.crosswalk.graph;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Retry-After} of an HTTP 429 or 503 (RFC 9110 §10.2.3): seconds, or an HTTP date. Graph itself signals
 * limits in its error bodies; a bare 429 or 503 comes from the servers or proxies in front of it, and says how long
 * to stay away.
 */
final class RetryAfter {

	private RetryAfter() {
	}

	static Optional<Duration> of(Map<String, List<String>> headers, Instant now) {
		for (Map.Entry<String, List<String>> header : headers.entrySet()) {
			if (header.getKey() == null || !header.getKey().equalsIgnoreCase("Retry-After")
					|| header.getValue() == null || header.getValue().isEmpty()) {
				continue;
			}
			String value = header.getValue().get(0).trim();
			try {
				return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
			}
			catch (NumberFormatException notSeconds) {
				try {
					Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
					return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
				}
				catch (DateTimeParseException notADate) {
					return Optional.empty();
				}
			}
		}
		return Optional.empty();
	}
}
