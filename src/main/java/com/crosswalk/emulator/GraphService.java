package com.crosswalk.emulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Graph API call, without HTTP: a user node with its ID Matching edges, or an app or Page node. Every call goes
 * through the checks of reference §2.9 in order — version, token, appsecret_proof, node and scope, review, rate
 * limit — and is counted once. Batches and multi-ID reads ({@link GraphRouter}) are made of such calls.
 */
final class GraphService {

	static final String IDS_FOR_APPS = "ids_for_apps";

	static final String IDS_FOR_PAGES = "ids_for_pages";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The Page token permission a PSID's profile fields need. */
	static final String PROFILE_PERMISSION = "pages_messaging";

	private static final Set<String> USER_FIELDS = Set.of("id", "name", "age_range", "is_payment_enabled",
			IDS_FOR_APPS, IDS_FOR_PAGES);

	private static final Set<String> EDGE_MODIFIERS = Set.of("limit", "after", "before");

	/** One counted call and how it went. */
	record CallResult(GraphResponse response, String scope, CallOutcome outcome) {
	}

	private final Fixture fixture;

	private final PersonDirectory persons;

	private final EmulatorConfig config;

	private final Clock clock;

	private final GraphVersion defaultVersion;

	private final AccessTokens tokens;

	private final ReviewBoard reviews;

	private final UsageLimits limits;

	private final EmulatorCounters counters;

	private final Supplier<String> baseUrl;

	private final AssetNodes assets;

	private final TokenDebugger debugger;

	GraphService(Fixture fixture, EmulatorConfig config, ReviewBoard reviews, UsageLimits limits,
			EmulatorCounters counters, Supplier<String> baseUrl) {
		this.fixture = fixture;
		this.persons = fixture.persons();
		this.config = config;
		this.clock = config.clock();
		this.defaultVersion = GraphVersion.parse(config.defaultVersion());
		this.tokens = new AccessTokens(fixture);
		this.reviews = reviews;
		this.limits = limits;
		this.counters = counters;
		this.baseUrl = baseUrl;
		this.assets = new AssetNodes(fixture);
		this.debugger = new TokenDebugger(tokens, clock);
	}

	/** One call, counted; {@code inheritedVersion} applies when the path has none (batch items). */
	CallResult call(GraphRequest request, GraphVersion inheritedVersion) {
		RequestPath path = RequestPath.parse(request.path());
		GraphVersion version = path.version() != null ? path.version() : inheritedVersion;
		TokenGrant grant = tokens.find(request.accessToken());
		String scope = grant == null ? EmulatorCounters.UNKNOWN_SCOPE : grant.scopeId();
		UsageLimits.Usage usage = null;
		GraphResponse response;
		CallOutcome outcome;
		try {
			requireVersion(request, path, version);
			requireLiveToken(request.accessToken(), grant);
			usage = limits.record(grant);
			requireProof(request, grant);
			response = GraphResponse.json(200, JSON.writeValueAsString(read(request, path, version, grant, usage)));
			outcome = CallOutcome.OK;
		}
		catch (GraphException ex) {
			response = ex.error().toResponse();
			outcome = ex.error().outcome();
		}
		response = response.withHeaders(limits.headers(usage))
			.withHeaders(Map.of("facebook-api-version", version.toString()));
		counters.recordCall(scope, outcome, clock.millis());
		return new CallResult(response, scope, outcome);
	}

	// ---- the checks, in the order of reference §2.9 ----

	private static void requireVersion(GraphRequest request, RequestPath path, GraphVersion version) {
		if (version.compareTo(GraphVersion.ID_MATCHING_MINIMUM) >= 0) {
			return;
		}
		String edge = path.segments().size() == 2 ? path.segments().get(1) : null;
		String fields = request.param("fields");
		if (IDS_FOR_APPS.equals(edge) || IDS_FOR_PAGES.equals(edge)) {
			throw GraphError.versionTooLow(edge).exception();
		}
		if (edge == null && fields != null) {
			if (fields.contains(IDS_FOR_APPS)) {
				throw GraphError.versionTooLow(IDS_FOR_APPS).exception();
			}
			if (fields.contains(IDS_FOR_PAGES)) {
				throw GraphError.versionTooLow(IDS_FOR_PAGES).exception();
			}
		}
	}

	private void requireLiveToken(String token, TokenGrant grant) {
		if (token == null || token.isEmpty()) {
			throw (config.lenient() ? GraphError.tokenMissing() : GraphError.tokenRequired()).exception();
		}
		if (grant == null) {
			throw GraphError.tokenInvalid().exception();
		}
		if (grant.expired()) {
			throw GraphError.tokenExpired().exception();
		}
	}

	private void requireProof(GraphRequest request, TokenGrant grant) {
		if (config.appSecretProofRequired()) {
			AppSecretProofVerifier.verify(request.accessToken(), grant.app().secret(),
					request.param("appsecret_proof"), request.param("appsecret_time"), clock.millis() / 1000);
		}
	}

	private ObjectNode read(GraphRequest request, RequestPath path, GraphVersion version, TokenGrant grant,
			UsageLimits.Usage usage) {
		String method = request.method().toLowerCase(Locale.ROOT);
		if (path.isRoot()) {
			throw GraphError.invalid("(#100) Missing the ids or batch parameter").exception();
		}
		String nodeId = path.segments().get(0);
		if (!"get".equals(method) && !"post".equals(method)) {
			throw GraphError.unsupportedRequest(method, nodeId).exception();
		}
		if (path.segments().size() > 2) {
			throw GraphError.invalid("(#100) Unknown path components: /"
					+ String.join("/", path.segments().subList(2, path.segments().size()))).exception();
		}
		String edge = path.segments().size() == 2 ? path.segments().get(1) : null;
		if (TokenDebugger.PATH.equals(nodeId) && edge == null) {
			requireBudget(usage);
			return debugger.inspect(request, grant);
		}
		Fixture.App app = fixture.app(nodeId).orElse(null);
		if (app != null) {
			return readApp(request, app, edge, grant, usage);
		}
		Fixture.Page page = fixture.page(nodeId).orElse(null);
		if (page != null) {
			return readPage(request, page, edge, grant, usage);
		}
		// neither the token debugger nor an asset: a scoped ID, as ID Matching reads (where a lookup begins)
		counters.recordIdRead(grant.scopeId(), clock.millis());
		int entry = scopedEntry(nodeId, grant);
		if (entry < 0) {
			throw GraphError.unsupportedRequest("get", nodeId).exception();
		}
		return edge != null ? readEdge(request, version, nodeId, entry, edge, grant, usage)
				: readUser(request, version, nodeId, entry, grant, usage);
	}

	/** The person entry of a scoped ID of the token's own app or Page, or -1. */
	private int scopedEntry(String nodeId, TokenGrant grant) {
		long id = NumericId.parse(nodeId);
		int entry = id < 0 ? -1 : persons.entryOf(id);
		if (entry < 0) {
			return -1;
		}
		int tokenScope = grant.isPageToken() ? fixture.pageScope(grant.page().id())
				: fixture.appScope(grant.app().id());
		return persons.scopeOf(entry) == tokenScope ? entry : -1;
	}

	private void requireBudget(UsageLimits.Usage usage) {
		if (usage.exceeded()) {
			throw limits.exceededError(usage).exception();
		}
	}

	// ---- user node and edges ----

	private ObjectNode readUser(GraphRequest request, GraphVersion version, String nodeId, int entry,
			TokenGrant grant, UsageLimits.Usage usage) {
		FieldSelection fields = fields(request, "id,name");
		for (FieldSelection.Field field : fields.fields()) {
			if (!USER_FIELDS.contains(field.name())) {
				throw GraphError.nonexistingField(field.name(), "User").exception();
			}
			boolean edge = IDS_FOR_APPS.equals(field.name()) || IDS_FOR_PAGES.equals(field.name());
			if (edge) {
				validateEdgeSelection(field.name(), field.modifiers().keySet(), field.subfields());
			}
			else if (!field.modifiers().isEmpty() || field.subfields() != null && !"age_range".equals(field.name())) {
				throw GraphError.invalid("(#100) Field " + field.name() + " does not support modifiers or subfields")
					.exception();
			}
		}
		if (fields.has(IDS_FOR_APPS) || fields.has(IDS_FOR_PAGES)) {
			reviews.requireAccess(grant);
		}
		requireBudget(usage);
		// Meta's User Profile page: a PSID's profile needs a Page token with pages_messaging (and the app's Business
		// Asset User Profile Access); the answer without it is "(#230) Requires pages_messaging permission to manage
		// the object", HTTP 403 (observed, home-assistant/core#26132; reference S32-S42), a permission error
		if (!config.lenient() && grant.isPageToken() && !grant.page().hasScope(PROFILE_PERMISSION)
				&& asksProfile(request)) {
			throw GraphError.profilePermissionRequired(PROFILE_PERMISSION).exception();
		}
		int person = persons.personOf(entry);
		ObjectNode node = JSON.createObjectNode();
		node.put("id", nodeId);
		for (FieldSelection.Field field : fields.fields()) {
			switch (field.name()) {
				case "name" -> node.put("name", persons.name(person));
				case "age_range" -> {
					if (persons.ageMin(person) >= 0) {
						ObjectNode range = node.putObject("age_range");
						range.put("min", persons.ageMin(person));
						if (persons.ageMax(person) >= 0) {
							range.put("max", persons.ageMax(person));
						}
					}
				}
				case "is_payment_enabled" -> node.put("is_payment_enabled", persons.paymentEnabled(person));
				case IDS_FOR_APPS, IDS_FOR_PAGES -> {
					List<Integer> items = edgeEntries(person, entry, field.name(), grant.businessId(), null);
					EdgeWindow window = EdgeWindow.of(items.size(), limit(field.modifier("limit")),
							field.modifier("after"), field.modifier("before"));
					if (!window.isEmpty()) {
						Map<String, String> nextParams = credentialParams(request);
						if (field.subfields() != null) {
							nextParams.put("fields", field.subfields().render());
						}
						node.set(field.name(), renderEdge(items, window, field.name(), field.subfields(),
								edgeUrl(version, nodeId, field.name()), nextParams));
					}
				}
				default -> {
					// "id" is always present
				}
			}
		}
		return node;
	}

	private ObjectNode readEdge(GraphRequest request, GraphVersion version, String nodeId, int entry, String edge,
			TokenGrant grant, UsageLimits.Usage usage) {
		if (!IDS_FOR_APPS.equals(edge) && !IDS_FOR_PAGES.equals(edge)) {
			throw GraphError.nonexistingField(edge, "User").exception();
		}
		FieldSelection subfields = request.param("fields") == null ? null
				: FieldSelection.parse(request.param("fields"));
		validateEdgeSelection(edge, Set.of(), subfields);
		reviews.requireAccess(grant);
		requireBudget(usage);
		String filter = request.param(IDS_FOR_APPS.equals(edge) ? "app" : "page");
		List<Integer> items = edgeEntries(persons.personOf(entry), entry, edge, grant.businessId(), filter);
		EdgeWindow window = EdgeWindow.of(items.size(), limit(request.param("limit")), request.param("after"),
				request.param("before"));
		Map<String, String> nextParams = new TreeMap<>(request.params());
		nextParams.remove("after");
		nextParams.remove("before");
		nextParams.remove("limit");
		nextParams.putAll(credentialParams(request));
		if (window.isEmpty()) {
			ObjectNode empty = JSON.createObjectNode();
			empty.putArray("data");
			return empty;
		}
		return renderEdge(items, window, edge, subfields, edgeUrl(version, nodeId, edge), nextParams);
	}

	/**
	 * Entries of the person's IDs that the edge returns: the apps (or Pages) of the token's business, in fixture
	 * order, optionally one asset only, optionally without the input's own asset.
	 */
	private List<Integer> edgeEntries(int person, int inputEntry, String edge, String businessId, String filter) {
		boolean apps = IDS_FOR_APPS.equals(edge);
		List<Integer> result = new ArrayList<>(4);
		for (int e = persons.firstEntry(person); e < persons.endEntry(person); e++) {
			int scope = persons.scopeOf(e);
			if (fixture.isAppScope(scope) != apps || !fixture.businessOfScope(scope).equals(businessId)) {
				continue;
			}
			if (filter != null && !fixture.scopeIdAt(scope).equals(filter)) {
				continue;
			}
			if (e == inputEntry && !config.includeOwnAsset()) {
				continue;
			}
			result.add(e);
		}
		result.sort((a, b) -> Integer.compare(persons.scopeOf(a), persons.scopeOf(b)));
		return result;
	}

	private ObjectNode renderEdge(List<Integer> items, EdgeWindow window, String edge, FieldSelection subfields,
			String url, Map<String, String> nextParams) {
		ObjectNode result = JSON.createObjectNode();
		ArrayNode data = result.putArray("data");
		for (int i = window.start(); i < window.end(); i++) {
			data.add(renderItem(items.get(i), edge, subfields));
		}
		ObjectNode paging = result.putObject("paging");
		ObjectNode cursors = paging.putObject("cursors");
		cursors.put("before", EdgeCursor.encode(window.start()));
		cursors.put("after", EdgeCursor.encode(window.end() - 1));
		nextParams.put("limit", Integer.toString(window.limit()));
		if (window.start() > 0) {
			Map<String, String> previous = new TreeMap<>(nextParams);
			previous.put("before", EdgeCursor.encode(window.start()));
			paging.put("previous", url + "?" + FormCodec.encode(previous));
		}
		if (window.end() < items.size()) {
			Map<String, String> next = new TreeMap<>(nextParams);
			next.put("after", EdgeCursor.encode(window.end() - 1));
			paging.put("next", url + "?" + FormCodec.encode(next));
		}
		return result;
	}

	private ObjectNode renderItem(int entry, String edge, FieldSelection subfields) {
		ObjectNode item = JSON.createObjectNode();
		int scope = persons.scopeOf(entry);
		boolean apps = IDS_FOR_APPS.equals(edge);
		String assetField = apps ? "app" : "page";
		if (subfields == null || subfields.has("id")) {
			item.put("id", Long.toString(persons.idOf(entry)));
		}
		if (subfields == null || subfields.has(assetField)) {
			FieldSelection assetFields = subfields == null ? null : subfields.field(assetField).orElseThrow().subfields();
			item.set(assetField, apps ? assets.app(fixture.appAtScope(scope), assetFields, true)
					: assets.page(fixture.pageAtScope(scope), assetFields, true));
		}
		return item;
	}

	private void validateEdgeSelection(String edge, Set<String> modifiers, FieldSelection subfields) {
		for (String modifier : modifiers) {
			if (!EDGE_MODIFIERS.contains(modifier)) {
				throw GraphError.invalid("(#100) Unknown modifier ." + modifier + "() on field " + edge).exception();
			}
		}
		if (subfields == null) {
			return;
		}
		boolean apps = IDS_FOR_APPS.equals(edge);
		String assetField = apps ? "app" : "page";
		for (FieldSelection.Field field : subfields.fields()) {
			if (!field.name().equals("id") && !field.name().equals(assetField)) {
				throw GraphError.nonexistingField(field.name(), apps ? "UserIDForApp" : "UserIDForPage").exception();
			}
			if (field.name().equals(assetField) && field.subfields() != null) {
				Set<String> allowed = apps ? AssetNodes.APP_ITEM_FIELDS : AssetNodes.PAGE_ITEM_FIELDS;
				for (FieldSelection.Field assetSubfield : field.subfields().fields()) {
					if (!allowed.contains(assetSubfield.name())) {
						throw GraphError.nonexistingField(assetSubfield.name(), apps ? "Application" : "Page")
							.exception();
					}
				}
			}
		}
	}

	private int limit(String text) {
		if (text == null) {
			return config.edgeDefaultLimit();
		}
		try {
			int limit = Integer.parseInt(text.trim());
			return limit < 1 ? config.edgeDefaultLimit() : Math.min(limit, config.edgeMaxLimit());
		}
		catch (NumberFormatException ex) {
			throw GraphError.invalid("(#100) Param limit must be a number").exception();
		}
	}

	private String edgeUrl(GraphVersion version, String nodeId, String edge) {
		return baseUrl.get() + "/" + version + "/" + nodeId + "/" + edge;
	}

	/** The token and proof parameters that a {@code next} URL carries, as real Graph embeds them. */
	private static Map<String, String> credentialParams(GraphRequest request) {
		Map<String, String> params = new TreeMap<>();
		if (request.accessToken() != null) {
			params.put("access_token", request.accessToken());
		}
		for (String name : List.of("appsecret_proof", "appsecret_time")) {
			if (request.param(name) != null) {
				params.put(name, request.param(name));
			}
		}
		return params;
	}

	// ---- app and Page nodes (token preflight) ----

	private ObjectNode readApp(GraphRequest request, Fixture.App app, String edge, TokenGrant grant,
			UsageLimits.Usage usage) {
		if (!app.businessId().equals(grant.businessId())) {
			throw GraphError.unsupportedRequest("get", app.id()).exception();
		}
		if (edge != null) {
			throw GraphError.nonexistingField(edge, "Application").exception();
		}
		FieldSelection fields = fields(request, "id,name,category,link,namespace");
		assets.requireKnown(fields, AssetNodes.APP_FIELDS, "Application");
		requireBudget(usage);
		return assets.app(app, fields, false);
	}

	private ObjectNode readPage(GraphRequest request, Fixture.Page page, String edge, TokenGrant grant,
			UsageLimits.Usage usage) {
		if (!page.businessId().equals(grant.businessId())) {
			throw GraphError.unsupportedRequest("get", page.id()).exception();
		}
		if (edge != null) {
			throw GraphError.nonexistingField(edge, "Page").exception();
		}
		FieldSelection fields = fields(request, "id,name");
		assets.requireKnown(fields, AssetNodes.PAGE_FIELDS, "Page");
		// Meta's Page reference: a Page's business needs business_management, which a Messenger bot's token rarely has
		if (fields.has("business") && !config.lenient()
				&& !(grant.isPageToken() && grant.page().hasScope("business_management"))) {
			throw GraphError.permissionRequired("business_management").exception();
		}
		requireBudget(usage);
		return assets.page(page, fields, false);
	}

	private static FieldSelection fields(GraphRequest request, String defaults) {
		String text = request.param("fields");
		return FieldSelection.parse(text == null || text.isBlank() ? defaults : text);
	}

	// ---- calls that are not carried out ----

	/** Counts a call refused before it was routed (bad batch, too many IDs) and answers its error. */
	GraphResponse reject(String token, GraphError error) {
		counters.recordCall(scopeOf(token), error.outcome(), clock.millis());
		return error.toResponse();
	}

	/** Counts an injected HTTP 500 as a call of the token's scope and answers it. */
	GraphResponse injectServerError(String token, GraphVersion version, int code) {
		counters.recordFault(FaultKind.SERVER_ERROR);
		counters.recordCall(scopeOf(token), CallOutcome.TRANSIENT_FAULT, clock.millis());
		return GraphError.transientFault(code).toResponse()
			.withHeaders(Map.of("facebook-api-version", version.toString()));
	}

	/** Counts an on-demand Graph error as a call of the token's scope and answers it. */
	GraphResponse injectError(String token, GraphVersion version, FaultKind kind) {
		GraphError error = GraphError.of(kind);
		counters.recordFault(kind);
		counters.recordCall(scopeOf(token), error.outcome(), clock.millis());
		return error.toResponse().withHeaders(Map.of("facebook-api-version", version.toString()));
	}

	/**
	 * Whether a read asks more than the ID edges (profile fields), which the User Profile API may refuse for one
	 * person alone.
	 */
	static boolean asksProfile(GraphRequest request) {
		String fields = request.param("fields");
		if (fields == null || fields.isBlank()) {
			return false;
		}
		try {
			return FieldSelection.parse(fields).fields().stream()
				.anyMatch(f -> !f.name().equals("id") && !f.name().equals(IDS_FOR_APPS) && !f.name().equals(IDS_FOR_PAGES));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Counts a whole request refused by an on-demand 429 or 503: one fault, and each call it carried (every batch
	 * item, or the request itself) as a transient fault of its token's scope and a request for its node.
	 */
	void recordRefusedRequest(GraphRequest request, FaultKind kind) {
		counters.recordFault(kind);
		String batch = request.param("batch");
		tools.jackson.databind.JsonNode operations = null;
		if (batch != null) {
			try {
				operations = JSON.readTree(batch);
			}
			catch (RuntimeException ex) {
				operations = null;
			}
		}
		if (operations == null || !operations.isArray()) {
			recordNodeRequest(request);
			counters.recordCall(scopeOf(request.accessToken()), CallOutcome.TRANSIENT_FAULT, clock.millis());
			return;
		}
		for (tools.jackson.databind.JsonNode operation : operations) {
			String relativeUrl = operation.hasNonNull("relative_url") ? operation.get("relative_url").asString() : "";
			int query = relativeUrl.indexOf('?');
			Map<String, String> params = new java.util.HashMap<>();
			if (query >= 0) {
				FormCodec.decodeInto(relativeUrl.substring(query + 1), params);
			}
			String path = query < 0 ? relativeUrl : relativeUrl.substring(0, query);
			GraphRequest item = new GraphRequest("GET", path.startsWith("/") ? path : "/" + path, params, null);
			recordNodeRequest(item);
			String token = item.accessToken() != null ? item.accessToken() : request.accessToken();
			counters.recordCall(scopeOf(token), CallOutcome.TRANSIENT_FAULT, clock.millis());
		}
	}

	/**
	 * Whether the request reads an ID Matching edge (as an edge or as fields of a user node): on-demand errors answer
	 * only those, so that start-up checks of app and Page nodes are left alone.
	 */
	static boolean readsIdMatching(GraphRequest request) {
		if (request.param("batch") != null) {
			return true;
		}
		RequestPath path = RequestPath.parse(request.path());
		if (path.segments().size() == 2 && path.segments().get(1).startsWith("ids_for_")) {
			return true;
		}
		String fields = request.param("fields");
		return fields != null && fields.contains("ids_for_");
	}

	/** Counts one more request naming the node of the request's path, whatever its answer. */
	void recordNodeRequest(GraphRequest request) {
		RequestPath path = RequestPath.parse(request.path());
		if (!path.isRoot()) {
			counters.recordNodeRequest(path.segments().get(0));
		}
	}

	/** Counts a batch item answered with {@code null}. */
	void recordNullItem(String token) {
		counters.recordFault(FaultKind.NULL_BATCH_ITEM);
		counters.recordCall(scopeOf(token), CallOutcome.TRANSIENT_FAULT, clock.millis());
	}

	/** Checks a token and its proof without making a call of it (the top level of a batch). */
	void authenticate(GraphRequest request) {
		TokenGrant grant = tokens.find(request.accessToken());
		requireLiveToken(request.accessToken(), grant);
		requireProof(request, grant);
	}

	GraphVersion defaultVersion() {
		return defaultVersion;
	}

	boolean lenient() {
		return config.lenient();
	}

	/** Usage headers for the top level of a batch answer: the top-level token's scope, items included. */
	Map<String, String> usageHeaders(String token) {
		TokenGrant grant = tokens.find(token);
		return (grant == null || config.lenient()) ? Map.of() : limits.headers(limits.peek(grant));
	}

	String scopeOf(String token) {
		TokenGrant grant = tokens.find(token);
		return grant == null ? EmulatorCounters.UNKNOWN_SCOPE : grant.scopeId();
	}

	/** Which slice of an edge's items one answer holds. */
	record EdgeWindow(int start, int end, int limit) {

		static EdgeWindow of(int size, int limit, String after, String before) {
			int start;
			int end;
			if (after != null) {
				start = Math.min(size, EdgeCursor.decode(after) + 1);
				end = Math.min(size, start + limit);
			}
			else if (before != null) {
				end = Math.min(size, EdgeCursor.decode(before));
				start = Math.max(0, end - limit);
			}
			else {
				start = 0;
				end = Math.min(size, limit);
			}
			return new EdgeWindow(start, end, limit);
		}

		boolean isEmpty() {
			return end <= start;
		}
	}
}
