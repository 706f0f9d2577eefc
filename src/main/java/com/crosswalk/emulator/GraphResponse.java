package com.crosswalk.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** An answer: HTTP status, extra headers (besides Content-Type) and a body. */
record GraphResponse(int status, Map<String, String> headers, String body, String contentType) {

	static final String JSON = "application/json; charset=UTF-8";

	static GraphResponse json(int status, String body) {
		return new GraphResponse(status, new LinkedHashMap<>(), body, JSON);
	}

	GraphResponse withHeaders(Map<String, String> extra) {
		if (extra.isEmpty()) {
			return this;
		}
		Map<String, String> merged = new LinkedHashMap<>(headers);
		merged.putAll(extra);
		return new GraphResponse(status, merged, body, contentType);
	}
}
