package com.crosswalk.bench;

import tools.jackson.databind.JsonNode;

/** One Graph answer as a baseline sees it: fine, worth another try (transient or throttled), or a final error. */
record EdgeAnswer(int status, JsonNode body) {

	boolean ok() {
		return status == 200 && body != null && !body.has("error");
	}

	/** Server errors, codes 1/2 (transient), 4/17/32/613 (rate limits) and 80001..80014 (business use case). */
	boolean retryable() {
		if (ok()) {
			return false;
		}
		if (status >= 500 || body == null) {
			return true;
		}
		JsonNode error = body.get("error");
		int code = (error == null || error.get("code") == null) ? 0 : error.get("code").asInt();
		return code == 1 || code == 2 || code == 4 || code == 17 || code == 32 || code == 613
				|| (code >= 80001 && code <= 80014)
				|| (error != null && error.get("is_transient") != null && error.get("is_transient").asBoolean());
	}
}
