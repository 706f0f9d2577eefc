package com.crosswalk.graph;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The start-up check of every configured token (docs/graph-contract.md, "Start-up check"). Each token is inspected
 * with {@code GET /debug_token} and its app's own credentials, which needs no permission beyond the app's: valid, of
 * the configured app, of the configured Page, not about to expire, with {@code pages_messaging} for a Page. The one-
 * business rule is checked where Graph lets it be read: an app's {@code owner_business} with the app's own token, a
 * Page's {@code business} only with a token that holds {@code business_management}. Where it cannot be read the
 * check says so in a warning instead of refusing a valid set-up or passing silently.
 */
final class CredentialCheck {

	private static final Logger log = LoggerFactory.getLogger(CredentialCheck.class);

	static final String PAGES_MESSAGING = "pages_messaging";

	static final String BUSINESS_MANAGEMENT = "business_management";

	/** A token expiring sooner than this gets a warning: a nightly job would meet 190 within the week. */
	static final Duration EXPIRY_WARNING = Duration.ofDays(7);

	private final GraphClientConfig config;

	private final BusinessCredentials business;

	private final GraphRequests requests;

	private final GraphTransport transport;

	private final MetricsRecorder metrics;

	private final SecretMask mask;

	private final List<String> problems = new ArrayList<>();

	private final List<String> warnings = new ArrayList<>();

	/** Why the last exchange found no Graph to talk to. */
	private String unreachable;

	CredentialCheck(GraphClientConfig config, BusinessCredentials business, GraphRequests requests,
			GraphTransport transport, MetricsRecorder metrics, SecretMask mask) {
		this.config = config;
		this.business = business;
		this.requests = requests;
		this.transport = transport;
		this.metrics = metrics;
		this.mask = mask;
	}

	CredentialReport run() {
		for (AppCredentials app : business.apps()) {
			checkApp(app);
		}
		for (PageCredentials page : business.pages()) {
			checkPage(page);
		}
		return new CredentialReport(problems, warnings);
	}

	private void checkApp(AppCredentials app) {
		String name = "app " + app.appId();
		String tokenVariable = BusinessCredentialsLoader.appTokenVariable(app.appId());
		String secretVariable = BusinessCredentialsLoader.appSecretVariable(app.appId());
		if (isBlank(app.secret())) {
			problems.add(name + ": no app secret; set it in the business file or in " + secretVariable);
			return;
		}
		ScopeCredentials credentials = new ScopeCredentials(app.effectiveToken(), app.secret());
		Optional<JsonNode> token = debugToken(name, app.effectiveToken(), credentials, tokenVariable, secretVariable);
		if (token.isEmpty()) {
			return;
		}
		JsonNode data = token.get();
		if (!isValid(data)) {
			problems.add(name + ": its app token is not valid (" + tokenError(data) + "); renew it (" + tokenVariable
					+ ")");
			return;
		}
		String tokenApp = GraphJson.text(data.get("app_id"));
		if (!app.appId().equals(tokenApp)) {
			problems.add(name + ": its token belongs to app " + tokenApp + "; set this app's own token in "
					+ tokenVariable + " (or leave it out to use APP_ID|APP_SECRET)");
			return;
		}
		String type = GraphJson.text(data.get("type"));
		if (type != null && !"APP".equalsIgnoreCase(type)) {
			warnings.add(name + ": its configured token is a " + type + " token, not an app access token, which is"
					+ " what ID Matching reads ASIDs with; leave " + tokenVariable + " out to use APP_ID|APP_SECRET");
		}
		checkOwner(name, app.appId(), "owner_business", credentials, tokenVariable, secretVariable);
	}

	private void checkPage(PageCredentials page) {
		String name = "Page " + page.pageId();
		String tokenVariable = BusinessCredentialsLoader.pageTokenVariable(page.pageId());
		Optional<AppCredentials> manager = business.app(page.appId());
		if (isBlank(page.pageToken())) {
			problems.add(name + ": no Page token; set it in the business file or in " + tokenVariable);
			return;
		}
		if (manager.isEmpty() || isBlank(manager.get().secret())) {
			problems.add(name + ": managed by app " + page.appId()
					+ ", whose secret is not configured (needed for appsecret_proof); add the app with "
					+ BusinessCredentialsLoader.appSecretVariable(page.appId()));
			return;
		}
		AppCredentials app = manager.get();
		ScopeCredentials appCredentials = new ScopeCredentials(app.effectiveToken(), app.secret());
		Optional<JsonNode> token = debugToken(name, page.pageToken(), appCredentials,
				BusinessCredentialsLoader.appTokenVariable(app.appId()),
				BusinessCredentialsLoader.appSecretVariable(app.appId()));
		if (token.isEmpty()) {
			return;
		}
		JsonNode data = token.get();
		if (!isValid(data)) {
			problems.add(name + ": its Page token is not valid (" + tokenError(data) + "); renew it (" + tokenVariable
					+ ")");
			return;
		}
		String tokenApp = GraphJson.text(data.get("app_id"));
		if (!page.appId().equals(tokenApp)) {
			problems.add(name + ": its token was generated with app " + tokenApp + ", not app " + page.appId()
					+ " that the business file names as its manager; fix the Page's app_id or the token ("
					+ tokenVariable + ")");
			return;
		}
		String type = GraphJson.text(data.get("type"));
		if (!"PAGE".equalsIgnoreCase(type)) {
			problems.add(name + ": the configured token is a " + type + " token, not a Page access token; set the"
					+ " Page's own token in " + tokenVariable);
			return;
		}
		if (!tokenIsFor(data, page.pageId())) {
			problems.add(name + ": the configured token is the token of Page " + GraphJson.text(data.get("profile_id"))
					+ "; set this Page's own token in " + tokenVariable);
			return;
		}
		List<String> scopes = scopes(data);
		if (!scopes.contains(PAGES_MESSAGING)) {
			warnings.add(name + ": its token lacks " + PAGES_MESSAGING + " (it has " + String.join(", ", scopes)
					+ "); PSIDs are the IDs of a Messenger bot, generate the token with that permission");
		}
		expiry(data).filter(at -> at.isBefore(config.clock().instant().plus(EXPIRY_WARNING)))
			.ifPresent(at -> warnings.add(name + ": its token expires at " + at + "; renew it (" + tokenVariable
					+ ") or use a system user's token that does not expire"));
		if (scopes.contains(BUSINESS_MANAGEMENT)) {
			checkOwner(name, page.pageId(), "business", new ScopeCredentials(page.pageToken(), app.secret()),
					tokenVariable, BusinessCredentialsLoader.appSecretVariable(app.appId()));
		}
		else {
			warnings.add(name + ": its owning business cannot be verified (Graph tells a Page's business only to a"
					+ " token with " + BUSINESS_MANAGEMENT + "); make sure business " + business.businessId()
					+ " owns the Page in Business Manager, as ID Matching only connects one business's assets");
		}
	}

	/**
	 * {@code debug_token} of {@code inputToken} with the app's credentials; the {@code data} object, or empty when a
	 * problem was recorded or Graph was only busy.
	 */
	private Optional<JsonNode> debugToken(String name, String inputToken, ScopeCredentials appCredentials,
			String tokenVariable, String secretVariable) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("input_token", inputToken);
		Optional<JsonNode> body = read(name, "debug_token", parameters, appCredentials, tokenVariable, secretVariable);
		if (body.isEmpty()) {
			return Optional.empty();
		}
		JsonNode data = body.get().get("data");
		if (data == null || !data.isObject()) {
			problems.add(name + ": Graph's debug_token answer has no data object; check --graph-url");
			return Optional.empty();
		}
		return Optional.of(data);
	}

	private void checkOwner(String name, String nodeId, String businessField, ScopeCredentials credentials,
			String tokenVariable, String secretVariable) {
		String unverified = name + ": its owning business cannot be verified";
		Optional<JsonNode> answer = readNode(unverified, nodeId, "id,name," + businessField, credentials);
		if (answer.isEmpty()) {
			return;
		}
		JsonNode body = answer.get();
		Optional<GraphError> error = GraphError.fromBody(body);
		if (error.isPresent()) {
			warnings.add(unverified + " (Graph answered " + mask.mask(error.get().describe()) + " for its "
					+ businessField + "); make sure business " + business.businessId() + " owns it");
			return;
		}
		String answeredId = GraphJson.text(body.get("id"));
		if (!nodeId.equals(answeredId)) {
			problems.add(name + ": Graph answered for node " + answeredId + "; check the configured ID");
			return;
		}
		JsonNode owner = body.get(businessField);
		String ownerId = owner == null ? null : GraphJson.text(owner.get("id"));
		if (ownerId == null) {
			warnings.add(unverified + " (Graph left out its " + businessField + "); make sure business "
					+ business.businessId() + " owns it");
		}
		else if (!ownerId.equals(business.businessId())) {
			problems.add(name + " belongs to business " + ownerId + ", not " + business.businessId()
					+ ": ID Matching may only connect a business's own apps and Pages; remove it, or use one business"
					+ " file per business");
		}
	}

	/** A node read whose error answers are the caller's to judge; empty when Graph could not be read at all. */
	private Optional<JsonNode> readNode(String unverified, String nodeId, String fields,
			ScopeCredentials credentials) {
		Optional<RawExchange> exchange = exchange(nodeId, Map.of("fields", fields), credentials);
		if (exchange.isEmpty()) {
			warnings.add(unverified + " (Graph could not be reached: " + unreachable + ")");
			return Optional.empty();
		}
		Optional<JsonNode> body = GraphJson.parse(exchange.get().body());
		if (body.isEmpty()) {
			warnings.add(unverified + " (unreadable answer, HTTP " + exchange.get().status() + ")");
		}
		return body;
	}

	/**
	 * A read whose errors are problems of the credentials (with what to fix), except busy answers: Graph checks
	 * token and proof before it throttles, so those are no credential problem and the lookups handle them.
	 */
	private Optional<JsonNode> read(String name, String path, Map<String, String> parameters,
			ScopeCredentials credentials, String tokenVariable, String secretVariable) {
		Optional<RawExchange> exchange = exchange(path, parameters, credentials);
		if (exchange.isEmpty()) {
			problems.add(name + ": Graph could not be reached (" + unreachable + ")");
			return Optional.empty();
		}
		Optional<JsonNode> body = GraphJson.parse(exchange.get().body());
		if (body.isEmpty()) {
			problems.add(name + ": unreadable answer (HTTP " + exchange.get().status() + ")");
			return Optional.empty();
		}
		Optional<GraphError> error = GraphError.fromBody(body.get());
		if (error.isEmpty()) {
			return body;
		}
		GraphError graphError = error.get();
		String answer = mask.mask(graphError.describe());
		if (graphError.kind() == ErrorKind.THROTTLED || graphError.kind() == ErrorKind.TRANSIENT) {
			log.warn("Start-up check of {} got a {} answer, not a credentials problem: {} fbtrace_id={}", name,
					graphError.kind(), answer, graphError.fbtraceId());
			warnings.add(name + ": not checked, Graph was busy (" + answer + "); the lookups pace and retry it");
			return Optional.empty();
		}
		log.warn("Start-up check of {} failed: {} fbtrace_id={}", name, answer, graphError.fbtraceId());
		String fix;
		if (graphError.code() == 100 && graphError.message() != null
				&& graphError.message().contains("app access token")) {
			fix = "the token was not generated with this app; check which app the token belongs to";
		}
		else if (graphError.kind() == ErrorKind.AUTH) {
			fix = (graphError.code() == 100) ? "check the app secret (" + secretVariable + ")"
					: "renew the token (" + tokenVariable + ")";
		}
		else {
			fix = "check that the ID and token belong to this business";
		}
		problems.add(name + ": Graph answered " + answer + "; " + fix);
		return Optional.empty();
	}

	private Optional<RawExchange> exchange(String path, Map<String, String> parameters,
			ScopeCredentials credentials) {
		try {
			return Optional.of(transport.exchangeWithRetry(() -> {
				metrics.plainCall();
				return requests.get(path, parameters, credentials, config.clock().instant());
			}));
		}
		catch (IOException ex) {
			// the same for every app and Page: one line for the whole check, and nothing to fix in the configuration
			throw new GraphUnreachableException("the Graph API could not be reached at " + config.baseUrl() + " ("
					+ mask.mask(ex.getMessage()) + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			unreachable = "check interrupted";
			return Optional.empty();
		}
	}

	private static boolean isValid(JsonNode data) {
		JsonNode valid = data.get("is_valid");
		return valid != null && valid.asBoolean(false);
	}

	private String tokenError(JsonNode data) {
		JsonNode error = data.get("error");
		String message = error == null ? null : GraphJson.text(error.get("message"));
		return message == null ? "Graph says is_valid=false" : mask.mask(message);
	}

	/** The token's Page: {@code profile_id}, or a {@code granular_scopes} target when Graph leaves it out. */
	private static boolean tokenIsFor(JsonNode data, String pageId) {
		String profile = GraphJson.text(data.get("profile_id"));
		if (profile != null) {
			return profile.equals(pageId);
		}
		JsonNode granular = data.get("granular_scopes");
		if (granular == null || !granular.isArray()) {
			return true;
		}
		boolean anyTarget = false;
		for (JsonNode scope : granular) {
			JsonNode targets = scope.get("target_ids");
			if (targets != null && targets.isArray()) {
				for (JsonNode target : targets) {
					anyTarget = true;
					if (pageId.equals(GraphJson.text(target))) {
						return true;
					}
				}
			}
		}
		return !anyTarget;
	}

	private static List<String> scopes(JsonNode data) {
		List<String> scopes = new ArrayList<>();
		JsonNode array = data.get("scopes");
		if (array != null && array.isArray()) {
			array.forEach(scope -> scopes.add(GraphJson.text(scope)));
		}
		return scopes;
	}

	/** {@code expires_at} in seconds; 0 means never. */
	private static Optional<Instant> expiry(JsonNode data) {
		var seconds = GraphJson.longValue(data.get("expires_at"));
		return (seconds.isEmpty() || seconds.getAsLong() <= 0) ? Optional.empty()
				: Optional.of(Instant.ofEpochSecond(seconds.getAsLong()));
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}
}
