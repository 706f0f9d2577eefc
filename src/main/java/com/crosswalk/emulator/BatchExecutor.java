package com.crosswalk.emulator;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /} with {@code batch} (reference §6.1): up to 50 operations, each one call, answered in order as
 * {@code {code, headers, body}}. Items may be answered with {@code null} or an HTTP 500 when faults are injected.
 */
final class BatchExecutor {

	static final int MAX_BATCH = 50;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final GraphService calls;

	private final FaultInjector faults;

	BatchExecutor(GraphService calls, FaultInjector faults) {
		this.calls = calls;
		this.faults = faults;
	}

	GraphResponse execute(GraphRequest request, GraphVersion version, long sequence) {
		JsonNode operations;
		try {
			// the top-level token is mandatory even when every item has its own: it is the fallback
			calls.authenticate(request);
			operations = parse(request.param("batch"));
		}
		catch (GraphException ex) {
			return calls.reject(request.accessToken(), ex.error());
		}
		boolean includeHeaders = !"false".equalsIgnoreCase(request.param("include_headers"));
		ArrayNode answers = JSON.createArrayNode();
		for (int i = 0; i < operations.size(); i++) {
			GraphRequest item;
			try {
				item = item(operations.get(i), request, calls.lenient());
			}
			catch (GraphException ex) {
				answers.add(answer(calls.reject(request.accessToken(), ex.error()), includeHeaders));
				continue;
			}
			calls.recordNodeRequest(item);
			if (faults.roll(FaultKind.NULL_BATCH_ITEM, sequence, i)) {
				calls.recordNullItem(item.accessToken());
				answers.addNull();
				continue;
			}
			GraphResponse response;
			ErrorFault error;
			if (faults.roll(FaultKind.SERVER_ERROR, sequence, i + 1)) {
				response = calls.injectServerError(item.accessToken(), version, faults.serverErrorCode(sequence, i + 1));
			}
			else if (GraphService.readsIdMatching(item) && (error = faults.takeError(calls.scopeOf(item.accessToken()),
					false, GraphService.asksProfile(item))) != null) {
				response = calls.injectError(item.accessToken(), version, error.kind());
			}
			else {
				response = calls.call(item, version).response();
			}
			answers.add(answer(response, includeHeaders));
		}
		// Graph reports the usage of the batch's token on the whole answer, besides each item's own headers
		return GraphResponse.json(200, JSON.writeValueAsString(answers))
			.withHeaders(calls.usageHeaders(request.accessToken()));
	}

	private static JsonNode parse(String text) {
		JsonNode operations;
		try {
			operations = JSON.readTree(text);
		}
		catch (RuntimeException ex) {
			operations = null;
		}
		if (operations == null || !operations.isArray()) {
			throw GraphError.invalid("(#100) The parameter batch must be a JSON array").exception();
		}
		if (operations.size() > MAX_BATCH) {
			throw GraphError.batchTooLarge().exception();
		}
		return operations;
	}

	/**
	 * One operation as a request. Its own {@code access_token} (in the relative URL or body) wins; otherwise the
	 * top-level token applies, and likewise for {@code appsecret_proof}/{@code appsecret_time}.
	 */
	private static GraphRequest item(JsonNode operation, GraphRequest batch, boolean lenient) {
		if (operation == null || !operation.isObject() || !operation.hasNonNull("relative_url")) {
			throw GraphError.invalid("(#100) Each batch operation needs a relative_url").exception();
		}
		String method = operation.hasNonNull("method") ? operation.get("method").asString().toUpperCase(Locale.ROOT)
				: "GET";
		String relativeUrl = operation.get("relative_url").asString();
		int query = relativeUrl.indexOf('?');
		String path = query < 0 ? relativeUrl : relativeUrl.substring(0, query);
		Map<String, String> params = new HashMap<>();
		if (query >= 0) {
			FormCodec.decodeInto(relativeUrl.substring(query + 1), params);
		}
		if (operation.hasNonNull("body")) {
			// Meta's batch guide gives body to POST and PUT only; a GET's parameters belong in relative_url
			if (!lenient && method.equals("GET") && !operation.get("body").asString().isBlank()) {
				throw GraphError.invalid("(#100) A GET batch operation takes its parameters in relative_url; body is"
						+ " for POST and PUT").exception();
			}
			FormCodec.decodeInto(operation.get("body").asString(), params);
		}
		if (!params.containsKey("access_token") && batch.accessToken() != null) {
			params.put("access_token", batch.accessToken());
		}
		if (!params.containsKey("appsecret_proof") && batch.param("appsecret_proof") != null) {
			params.put("appsecret_proof", batch.param("appsecret_proof"));
			if (batch.param("appsecret_time") != null) {
				params.put("appsecret_time", batch.param("appsecret_time"));
			}
		}
		return new GraphRequest(method, path.startsWith("/") ? path : "/" + path, params, null);
	}

	private static ObjectNode answer(GraphResponse response, boolean includeHeaders) {
		ObjectNode answer = JSON.createObjectNode();
		answer.put("code", response.status());
		if (includeHeaders) {
			ArrayNode headers = answer.putArray("headers");
			headers.addObject().put("name", "Content-Type").put("value", "text/javascript; charset=UTF-8");
			response.headers().forEach((name, value) -> headers.addObject().put("name", name).put("value", value));
		}
		answer.put("body", response.body());
		return answer;
	}
}
