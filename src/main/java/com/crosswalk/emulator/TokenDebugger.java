package com.crosswalk.emulator;

import java.time.Clock;
import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /debug_token?input_token=T} (Meta's "Debug Token" reference): what a token is, for whom, whether it still
 * works and what it may do. Asked with an app token of the inspected token's own app, as the reference requires; it
 * needs no other permission, which is why Crosswalk's start-up check uses it.
 */
final class TokenDebugger {

	static final String PATH = "debug_token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** How long ago an expired fixture token expired; only its being in the past matters. */
	private static final Duration EXPIRED_AGO = Duration.ofDays(1);

	private final AccessTokens tokens;

	private final Clock clock;

	TokenDebugger(AccessTokens tokens, Clock clock) {
		this.tokens = tokens;
		this.clock = clock;
	}

	/** The answer's body; {@code caller} is the grant of the {@code access_token} the call was made with. */
	ObjectNode inspect(GraphRequest request, TokenGrant caller) {
		if (caller.isPageToken()) {
			throw GraphError.debugTokenNeedsAppToken().exception();
		}
		String input = request.param("input_token");
		if (input == null || input.isBlank()) {
			throw GraphError.invalid("(#100) The parameter input_token is required").exception();
		}
		ObjectNode body = JSON.createObjectNode();
		ObjectNode data = body.putObject("data");
		TokenGrant inspected = tokens.find(input);
		if (inspected == null) {
			ObjectNode error = data.putObject("error");
			error.put("code", 190);
			error.put("message", "Invalid OAuth access token.");
			data.put("is_valid", false);
			data.putArray("scopes");
			return body;
		}
		if (!inspected.app().id().equals(caller.app().id())) {
			throw GraphError.debugTokenNeedsAppToken().exception();
		}
		Fixture.App app = inspected.app();
		data.put("app_id", app.id());
		data.put("type", inspected.isPageToken() ? "PAGE" : "APP");
		data.put("application", app.name() != null ? app.name() : app.id());
		long now = clock.instant().getEpochSecond();
		data.put("data_access_expires_at", 0);
		// long-lived Page tokens of system users never expire: Graph reports 0
		data.put("expires_at", inspected.expired() ? now - EXPIRED_AGO.toSeconds() : 0);
		data.put("is_valid", !inspected.expired());
		if (inspected.expired()) {
			ObjectNode error = data.putObject("error");
			error.put("code", 190);
			error.put("subcode", 463);
			error.put("message", "Error validating access token: Session has expired.");
		}
		ArrayNode scopes = data.putArray("scopes");
		ArrayNode granular = data.putArray("granular_scopes");
		if (inspected.isPageToken()) {
			Fixture.Page page = inspected.page();
			for (String scope : page.scopes()) {
				scopes.add(scope);
				ObjectNode entry = granular.addObject().put("scope", scope);
				if (scope.startsWith("pages_")) {
					entry.putArray("target_ids").add(page.id());
				}
			}
			data.put("profile_id", page.id());
			data.put("user_id", systemUserOf(page));
		}
		return body;
	}

	/** The (invented, stable) system user that generated a Page's token; Graph reports who did. */
	private static String systemUserOf(Fixture.Page page) {
		return Long.toString(100_000_000_000_000L + Math.floorMod(("system-user:" + page.id()).hashCode(), 1_000_000_000L));
	}
}
