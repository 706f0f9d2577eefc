package com.crosswalk.graph;

import java.util.Objects;

/**
 * An app of the business: its secret (for appsecret_proof) and its app access token. When no token is given the
 * app token is {@code APP_ID|APP_SECRET}.
 */
public record AppCredentials(String appId, String secret, String appToken) {

	public AppCredentials {
		Objects.requireNonNull(appId, "appId");
	}

	public String effectiveToken() {
		return (appToken != null && !appToken.isBlank()) ? appToken : appId + "|" + secret;
	}

	@Override
	public String toString() {
		return "AppCredentials[appId=" + appId + ", secret=" + Redaction.MASK + ", appToken=" + Redaction.MASK + "]";
	}
}
