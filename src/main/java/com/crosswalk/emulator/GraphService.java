package com.crosswalk.emulator;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Graph API call, without HTTP: a user node with its ID Matching edges, or an app or Page node. Every call goes
 * through the checks of reference §2.9 in order — version, token, appsecret_proof, node and scope, review, rate
 * limit ({@link CallChecks}) — is routed to what it reads ({@link UserNodeRenderer} for a person), and is counted
 * once. Batches and multi-ID reads ({@link GraphRouter}) are made of such calls.
 */
final class GraphService {

	static final String IDS_FOR_APPS = "ids_for_apps";

	static final String IDS_FOR_PAGES = "ids_for_pages";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One counted call and how it went. */
	record CallResult(GraphResponse response, String scope, CallOutcome outcome) {
	}

	private final Fixture fixture;

	private final PersonDirectory persons;

	private final CallChecks checks;

	private final UserNodeRenderer users;

	private final EmulatorConfig config;

	private final Clock clock;

	private final GraphVersion defaultVersion;

	private final AccessTokens tokens;

	private final ReviewBoard reviews;

	private final UsageLimits limits;

	private final EmulatorCounters counters;

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
		this.assets = new AssetNodes(fixture);
		this.debugger = new TokenDebugger(tokens, clock);
		this.checks = new CallChecks(config, limits);
		this.users = new UserNodeRenderer(fixture, config, assets, baseUrl);
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
			checks.requireVersion(request, path, version);
			checks.requireLiveToken(request.accessToken(), grant);
			usage = limits.record(grant);
			checks.requireProof(request, grant, clock.millis() / 1000);
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
			checks.requireBudget(usage);
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

	// ---- user node and edges ----

	private ObjectNode readUser(GraphRequest request, GraphVersion version, String nodeId, int entry,
			TokenGrant grant, UsageLimits.Usage usage) {
		FieldSelection fields = fields(request, "id,name");
		checks.requireUserFields(fields);
		if (fields.has(IDS_FOR_APPS) || fields.has(IDS_FOR_PAGES)) {
			reviews.requireAccess(grant);
		}
		checks.requireBudget(usage);
		checks.requireProfilePermission(request, grant);
		return users.user(request, version, nodeId, entry, fields, grant.businessId());
	}

	private ObjectNode readEdge(GraphRequest request, GraphVersion version, String nodeId, int entry, String edge,
			TokenGrant grant, UsageLimits.Usage usage) {
		if (!CallChecks.isIdMatchingEdge(edge)) {
			throw GraphError.nonexistingField(edge, "User").exception();
		}
		FieldSelection subfields = request.param("fields") == null ? null
				: FieldSelection.parse(request.param("fields"));
		checks.requireEdgeSelection(edge, Set.of(), subfields);
		reviews.requireAccess(grant);
		checks.requireBudget(usage);
		return users.edge(request, version, nodeId, entry, edge, subfields, grant.businessId());
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
		checks.requireBudget(usage);
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
		checks.requireBusinessPermission(fields, grant);
		checks.requireBudget(usage);
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
		checks.requireLiveToken(request.accessToken(), grant);
		checks.requireProof(request, grant, clock.millis() / 1000);
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
}
