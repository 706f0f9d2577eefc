package com.crosswalk.graph;

import java.util.List;
import java.util.Map;

/**
 * One HTTP exchange with Graph as the {@code explain} command shows it: the URL with credentials masked, the status,
 * the headers and the body (known secrets masked).
 */
public record RawExchange(String redactedUrl, int status, Map<String, List<String>> headers, String body) {

	public RawExchange {
		headers = Map.copyOf(headers);
	}
}
