package com.crosswalk.emulator;

import java.util.Map;

/**
 * One call as the emulator sees it, whatever carried it (HTTP request, batch item, one ID of a multi-ID read).
 *
 * @param method upper-case HTTP method
 * @param path the path without query, e.g. {@code /v26.0/123/ids_for_apps}
 * @param params query and form parameters, decoded
 * @param bearerToken the token of an {@code Authorization: Bearer} header, or null
 */
record GraphRequest(String method, String path, Map<String, String> params, String bearerToken) {

	GraphRequest {
		params = Map.copyOf(params);
	}

	String param(String name) {
		return params.get(name);
	}

	/** The access token: the parameter wins over the header, as on Graph. */
	String accessToken() {
		String token = params.get("access_token");
		return token != null ? token : bearerToken;
	}
}
