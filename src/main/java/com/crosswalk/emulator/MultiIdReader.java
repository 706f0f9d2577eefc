package com.crosswalk.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /?ids=a,b} and {@code GET /{edge}?ids=a,b} (reference §6.2): one call per ID, answered as an object
 * keyed by ID. One failing ID fails the whole read with its error; every ID still counts as a call.
 */
final class MultiIdReader {

	static final int MAX_IDS = 50;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final GraphService calls;

	private final FaultInjector faults;

	MultiIdReader(GraphService calls, FaultInjector faults) {
		this.calls = calls;
		this.faults = faults;
	}

	GraphResponse read(GraphRequest request, RequestPath path, GraphVersion version, long sequence) {
		List<String> ids = new ArrayList<>();
		for (String id : request.param("ids").split(",")) {
			if (!id.isBlank()) {
				ids.add(id.trim());
			}
		}
		if (ids.size() > MAX_IDS) {
			return calls.reject(request.accessToken(), GraphError.tooManyIds(ids.size()));
		}
		if (ids.isEmpty() || path.segments().size() > 1) {
			return calls.reject(request.accessToken(), GraphError.invalid("(#100) The parameter ids is malformed"));
		}
		if (faults.roll(FaultKind.SERVER_ERROR, sequence, 0)) {
			GraphResponse failure = null;
			for (int i = 0; i < ids.size(); i++) {
				failure = calls.injectServerError(request.accessToken(), version, faults.serverErrorCode(sequence, 0));
			}
			return failure;
		}
		Map<String, String> params = new HashMap<>(request.params());
		params.remove("ids");
		String edge = path.segments().isEmpty() ? "" : "/" + path.segments().get(0);
		ObjectNode combined = JSON.createObjectNode();
		GraphResponse firstError = null;
		Map<String, String> headers = Map.of();
		for (String id : ids) {
			GraphResponse response = calls.call(new GraphRequest(request.method(), "/" + version + "/" + id + edge,
					params, request.bearerToken()), version).response();
			if (response.status() != 200) {
				firstError = firstError == null ? response : firstError;
			}
			else {
				combined.set(id, JSON.readTree(response.body()));
				headers = response.headers();
			}
		}
		return firstError != null ? firstError
				: GraphResponse.json(200, JSON.writeValueAsString(combined)).withHeaders(headers);
	}
}
