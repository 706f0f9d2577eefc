package com.crosswalk.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.crosswalk.graph.AppCredentials;
import com.crosswalk.graph.AppSecretProof;
import com.crosswalk.graph.BusinessCredentials;
import com.crosswalk.graph.PageCredentials;
import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;

/**
 * The {@code access_token} and {@code appsecret_proof} query parameters a baseline sends for an ID: the app token and
 * secret for an ASID, the Page token and the managing app's secret for a PSID. Classic proofs never change, so each
 * scope's parameters are computed once, as a script would.
 */
final class ScopeSigner {

	private final BusinessCredentials business;

	private final Map<String, String> parameters = new ConcurrentHashMap<>();

	ScopeSigner(BusinessCredentials business) {
		this.business = business;
	}

	/** {@code access_token=...&appsecret_proof=...}, URL-encoded. */
	String parametersFor(ScopedId id) {
		return parameters.computeIfAbsent(id.type() + ":" + id.scopeId(), key -> sign(id));
	}

	private String sign(ScopedId id) {
		String token;
		String secret;
		if (id.type() == IdType.ASID) {
			AppCredentials app = business.app(id.scopeId())
				.orElseThrow(() -> new IllegalArgumentException("no app " + id.scopeId() + " in the business file"));
			token = app.effectiveToken();
			secret = app.secret();
		}
		else {
			PageCredentials page = business.page(id.scopeId())
				.orElseThrow(() -> new IllegalArgumentException("no Page " + id.scopeId() + " in the business file"));
			token = page.pageToken();
			secret = business.app(page.appId()).map(AppCredentials::secret).orElseThrow();
		}
		return "access_token=" + encode(token) + "&appsecret_proof="
				+ encode(AppSecretProof.classic(token, secret).proof());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
