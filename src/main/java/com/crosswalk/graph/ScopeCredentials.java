package com.crosswalk.graph;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.crosswalk.id.IdType;
import com.crosswalk.id.Scope;

/**
 * The token a scope's IDs are read with and the secret that signs its proof: the Page token and the managing app's
 * secret for a Page, the app token and secret for an app.
 */
record ScopeCredentials(String accessToken, String appSecret) {

	/** Empty when the business credentials cannot sign calls for this scope. */
	static Optional<ScopeCredentials> resolve(BusinessCredentials business, Scope scope) {
		if (scope.type() == IdType.ASID) {
			return business.app(scope.id())
				.filter(app -> !isBlank(app.secret()))
				.map(app -> new ScopeCredentials(app.effectiveToken(), app.secret()));
		}
		return business.page(scope.id())
			.filter(page -> !isBlank(page.pageToken()))
			.flatMap(page -> business.app(page.appId())
				.filter(app -> !isBlank(app.secret()))
				.map(app -> new ScopeCredentials(page.pageToken(), app.secret())));
	}

	/** {@code access_token} and a proof made now: time-stamped proofs expire, so never reuse one. */
	Map<String, String> parameters(ProofMode mode, Instant now) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("access_token", accessToken);
		parameters.putAll(AppSecretProof.of(mode, accessToken, appSecret, now).parameters());
		return parameters;
	}

	@Override
	public String toString() {
		return "ScopeCredentials[accessToken=" + Redaction.MASK + ", appSecret=" + Redaction.MASK + "]";
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}
}
