package com.crosswalk.graph;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * The cases of docs/graph-contract.md that a few read-only calls can confirm or refute against any Graph (the real
 * API with a business's credentials, or the emulator): token inspection, error codes for missing and bad
 * credentials, fields that need a permission, the batch encoding, the version header. Each case reports what was
 * seen as evidence, never a secret. Used by {@code ./run.sh check-graph} and the emulator's conformance test.
 */
public final class ContractCheck {

	/** How one case came out. */
	public enum Verdict {
		CONFIRMED, REFUTED, SKIPPED
	}

	/** One contract line and what Graph did. */
	public record Result(String id, String statement, Verdict verdict, String evidence) {
	}

	/** Graph could not be reached at all; nothing was confirmed or refuted. */
	public static final class UnreachableException extends Exception {

		private static final long serialVersionUID = 1L;

		UnreachableException(String message) {
			super(message);
		}
	}

	private static final String INVALID_TOKEN = "crosswalk-contract-check-not-a-token";

	private final GraphClientConfig config;

	private final BusinessCredentials business;

	private final SecretMask mask;

	private final GraphRequests requests;

	private final GraphTransport transport;

	private final List<Result> results = new ArrayList<>();

	public ContractCheck(GraphClientConfig config, BusinessCredentials business) {
		this.config = config;
		this.business = business;
		this.mask = new SecretMask(business);
		this.requests = new GraphRequests(config);
		this.transport = new GraphTransport(config, new MetricsRecorder(config.clock()), mask);
	}

	/**
	 * Runs every case the credentials allow, about ten calls, all reads.
	 *
	 * @throws UnreachableException if the first call found no Graph to talk to
	 * @throws IllegalArgumentException if the business has no app with a secret to make the calls with
	 */
	public List<Result> run() throws UnreachableException {
		AppCredentials app = business.apps().stream()
			.filter(a -> a.secret() != null && !a.secret().isBlank())
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("the business file has no app with a secret"));
		ScopeCredentials appCredentials = new ScopeCredentials(app.effectiveToken(), app.secret());
		Exchange first = send(requests.get(app.appId(), Map.of("fields", "id"), appCredentials, now()));
		versionHeader(first);
		appToken(app, appCredentials);
		ownerBusiness(app, appCredentials);
		missingToken(app);
		invalidToken(app);
		wrongProof(app);
		unknownField(app, appCredentials);
		batchEncoding(app, appCredentials);
		Optional<PageCredentials> page = business.pages().stream()
			.filter(p -> p.appId().equals(app.appId()) && p.pageToken() != null && !p.pageToken().isBlank())
			.findFirst();
		if (page.isPresent()) {
			pageToken(page.get(), appCredentials, app.secret());
		}
		else {
			skip("token.page", "debug_token of a Page token names type PAGE and the Page (profile_id or"
					+ " granular_scopes target_ids)", "no Page managed by app " + app.appId() + " in the business file");
		}
		return List.copyOf(results);
	}

	// ---- the cases ----

	private void versionHeader(Exchange answer) {
		String statement = "Graph answers a versioned call with the facebook-api-version header of that version";
		String header = answer.header("facebook-api-version");
		record("version.header", statement, config.apiVersion().equals(header),
				"facebook-api-version: " + header + " for /" + config.apiVersion() + "/...");
	}

	private void appToken(AppCredentials app, ScopeCredentials credentials) throws UnreachableException {
		String statement = "GET /debug_token?input_token=APP_TOKEN with the app's own token answers data{app_id,"
				+ " type=APP, is_valid}";
		Exchange answer = get("debug_token", Map.of("input_token", credentials.accessToken()), credentials);
		JsonNode data = answer.json().map(b -> b.get("data")).orElse(null);
		if (data == null || !data.isObject()) {
			record("token.app", statement, false, answer.summary());
			return;
		}
		boolean confirmed = app.appId().equals(GraphJson.text(data.get("app_id")))
				&& "APP".equalsIgnoreCase(GraphJson.text(data.get("type"))) && data.path("is_valid").asBoolean(false);
		record("token.app", statement, confirmed, "app_id=" + GraphJson.text(data.get("app_id")) + ", type="
				+ GraphJson.text(data.get("type")) + ", is_valid=" + GraphJson.text(data.get("is_valid")));
	}

	private void pageToken(PageCredentials page, ScopeCredentials appCredentials, String secret)
			throws UnreachableException {
		String statement = "debug_token of a Page token, asked with the managing app's token, names type PAGE, the"
				+ " app and the Page (profile_id or granular_scopes target_ids), its scopes and expires_at";
		Exchange answer = get("debug_token", Map.of("input_token", page.pageToken()), appCredentials);
		JsonNode data = answer.json().map(b -> b.get("data")).orElse(null);
		if (data == null || !data.isObject()) {
			record("token.page", statement, false, answer.summary());
			return;
		}
		String profile = GraphJson.text(data.get("profile_id"));
		boolean namesPage = page.pageId().equals(profile) || data.path("granular_scopes").toString().contains(
				"\"" + page.pageId() + "\"");
		List<String> scopes = new ArrayList<>();
		data.path("scopes").forEach(s -> scopes.add(GraphJson.text(s)));
		boolean confirmed = "PAGE".equalsIgnoreCase(GraphJson.text(data.get("type")))
				&& page.appId().equals(GraphJson.text(data.get("app_id"))) && namesPage && data.has("expires_at");
		record("token.page", statement, confirmed, "type=" + GraphJson.text(data.get("type")) + ", app_id="
				+ GraphJson.text(data.get("app_id")) + ", profile_id=" + profile + ", scopes=" + scopes
				+ ", expires_at=" + GraphJson.text(data.get("expires_at")) + ", is_valid="
				+ GraphJson.text(data.get("is_valid")));
		String businessStatement = "a Page's business field is not served to a Page token without"
				+ " business_management (error or left out)";
		if (scopes.contains(CredentialCheck.BUSINESS_MANAGEMENT)) {
			skip("page.business-permission", businessStatement, "the Page token holds business_management");
			return;
		}
		Exchange business = get(page.pageId(), Map.of("fields", "id,business"),
				new ScopeCredentials(page.pageToken(), secret));
		boolean served = business.json().map(b -> b.has("business")).orElse(false);
		record("page.business-permission", businessStatement, !served, business.summary());
	}

	private void ownerBusiness(AppCredentials app, ScopeCredentials credentials) throws UnreachableException {
		String statement = "an app's owner_business is readable with the app's own token";
		Exchange answer = get(app.appId(), Map.of("fields", "id,owner_business"), credentials);
		String owner = answer.json().map(b -> GraphJson.text(b.path("owner_business").get("id"))).orElse(null);
		record("app.owner-business", statement, owner != null, owner != null ? "owner_business.id=" + owner
				+ (owner.equals(business.businessId()) ? " (the configured business)" : " (NOT the configured business "
						+ business.businessId() + ")")
				: answer.summary());
	}

	private void missingToken(AppCredentials app) throws UnreachableException {
		Exchange answer = send(HttpRequest.newBuilder(requests.uri(app.appId(), Map.of("fields", "id")))
			.timeout(config.requestTimeout())
			.GET()
			.build());
		errorCase("auth.missing-token", "a call without access_token is refused with code 104", answer, 104, null);
	}

	private void invalidToken(AppCredentials app) throws UnreachableException {
		Exchange answer = send(requests.get(app.appId(), Map.of("fields", "id"),
				new ScopeCredentials(INVALID_TOKEN, app.secret()), now()));
		errorCase("auth.invalid-token", "a token Graph cannot parse is refused with code 190", answer, 190, null);
	}

	private void wrongProof(AppCredentials app) throws UnreachableException {
		Exchange answer = send(requests.get(app.appId(), Map.of("fields", "id"),
				new ScopeCredentials(app.effectiveToken(), app.secret() + "-not-the-secret"), now()));
		errorCase("proof.invalid", "an appsecret_proof made with another secret is refused with code 100 naming"
				+ " appsecret_proof", answer, 100, "appsecret_proof");
	}

	private void unknownField(AppCredentials app, ScopeCredentials credentials) throws UnreachableException {
		Exchange answer = get(app.appId(), Map.of("fields", "id,crosswalk_no_such_field"), credentials);
		errorCase("field.unknown", "asking a field the node does not have is refused with code 100", answer, 100,
				null);
	}

	private void batchEncoding(AppCredentials app, ScopeCredentials credentials) throws UnreachableException {
		String statement = "POST / with batch=[{method:GET, relative_url}] and a top-level token answers a JSON array"
				+ " in request order of {code, headers:[{name,value}], body:\"<JSON as a string>\"}";
		String relativeUrl = requests.relativeUrl(app.appId(), "id", credentials, now());
		Exchange answer = send(requests.batch(List.of(relativeUrl), credentials, now()));
		JsonNode array = answer.json().orElse(null);
		boolean confirmed = array != null && array.isArray() && array.size() == 1 && array.get(0).isObject()
				&& array.get(0).path("code").isNumber() && array.get(0).path("headers").isArray()
				&& array.get(0).path("body").isString()
				&& GraphJson.parse(array.get(0).path("body").stringValue())
					.map(b -> app.appId().equals(GraphJson.text(b.get("id"))))
					.orElse(false);
		String evidence = (array != null && array.isArray() && array.size() > 0 && array.get(0).isObject())
				? "HTTP " + answer.status() + ", item code=" + array.get(0).path("code") + ", headers is "
						+ kind(array.get(0).get("headers")) + ", body is " + kind(array.get(0).get("body"))
				: answer.summary();
		record("batch.encoding", statement, confirmed, evidence);
		String usage = answer.header("x-app-usage") != null ? "x-app-usage"
				: answer.header("x-business-use-case-usage") != null ? "x-business-use-case-usage" : null;
		if (usage != null) {
			record("usage.batch-top-level", "a batch answer carries usage headers at its top level", true,
					usage + " on the batch answer");
		}
		else {
			skip("usage.batch-top-level", "a batch answer carries usage headers at its top level",
					"no usage header (Graph sends them only once enough calls were made)");
		}
	}

	// ---- helpers ----

	private void errorCase(String id, String statement, Exchange answer, int code, String messagePart) {
		Optional<GraphError> error = answer.json().flatMap(GraphError::fromBody);
		boolean confirmed = error.isPresent() && error.get().code() == code && (messagePart == null
				|| (error.get().message() != null && error.get().message().toLowerCase(Locale.ROOT).contains(messagePart)));
		record(id, statement, confirmed, error.map(e -> "HTTP " + answer.status() + ", " + mask.mask(e.describe()))
			.orElse(answer.summary()));
	}

	private void record(String id, String statement, boolean confirmed, String evidence) {
		results.add(new Result(id, statement, confirmed ? Verdict.CONFIRMED : Verdict.REFUTED, mask.mask(evidence)));
	}

	private void skip(String id, String statement, String why) {
		results.add(new Result(id, statement, Verdict.SKIPPED, why));
	}

	private Exchange get(String path, Map<String, String> parameters, ScopeCredentials credentials)
			throws UnreachableException {
		return send(requests.get(path, new LinkedHashMap<>(parameters), credentials, now()));
	}

	private Exchange send(HttpRequest request) throws UnreachableException {
		try {
			RawExchange exchange = transport.exchange(request);
			return new Exchange(exchange, mask);
		}
		catch (IOException ex) {
			throw new UnreachableException("Graph could not be reached at " + config.baseUrl() + " ("
					+ mask.mask(ex.getMessage()) + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UnreachableException("interrupted");
		}
	}

	private Instant now() {
		return config.clock().instant();
	}

	private static String kind(JsonNode node) {
		if (node == null) {
			return "absent";
		}
		return node.isArray() ? "an array" : node.isString() ? "a string" : node.isObject() ? "an object" : "a "
				+ node.getNodeType().name().toLowerCase(Locale.ROOT);
	}

	/** One answer, for the cases: its JSON, a header, and a short secret-free summary. */
	private record Exchange(RawExchange raw, SecretMask mask) {

		int status() {
			return raw.status();
		}

		Optional<JsonNode> json() {
			return GraphJson.parse(raw.body());
		}

		String header(String name) {
			return raw.headers().entrySet().stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name))
				.flatMap(e -> e.getValue().stream())
				.findFirst()
				.orElse(null);
		}

		String summary() {
			String body = raw.body() == null ? "" : raw.body();
			return "HTTP " + raw.status() + ", " + mask.mask(body.length() > 200 ? body.substring(0, 200) + "…" : body);
		}
	}
}
