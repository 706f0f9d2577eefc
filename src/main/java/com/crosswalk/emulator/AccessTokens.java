package com.crosswalk.emulator;

import java.util.HashMap;
import java.util.Map;

/** Every token of the fixture: opaque and {@code APPID|SECRET} app tokens, Page tokens, and the expired ones. */
final class AccessTokens {

	private final Map<String, TokenGrant> grants = new HashMap<>();

	AccessTokens(Fixture fixture) {
		for (Fixture.App app : fixture.apps()) {
			grants.put(app.id() + "|" + app.secret(), new TokenGrant(app, null, false));
			app.tokens().forEach(token -> grants.put(token, new TokenGrant(app, null, false)));
			app.expiredTokens().forEach(token -> grants.put(token, new TokenGrant(app, null, true)));
		}
		for (Fixture.Page page : fixture.pages()) {
			Fixture.App manager = fixture.app(page.appId()).orElseThrow();
			grants.put(page.token(), new TokenGrant(manager, page, false));
			page.expiredTokens().forEach(token -> grants.put(token, new TokenGrant(manager, page, true)));
		}
	}

	/** The grant of a token, or null when Graph would not recognise it. */
	TokenGrant find(String token) {
		return token == null ? null : grants.get(token);
	}
}
