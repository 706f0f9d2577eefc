package com.crosswalk.emulator;

import java.util.Map;

/**
 * Sends each HTTP request where it belongs: a batch ({@code POST /} with {@code batch}), a multi-ID read
 * ({@code ids=}), or a single call. Injects the per-call server errors of plain requests.
 */
final class GraphRouter {

	private final GraphService calls;

	private final BatchExecutor batches;

	private final MultiIdReader multiIds;

	private final FaultInjector faults;

	GraphRouter(GraphService calls, FaultInjector faults) {
		this.calls = calls;
		this.faults = faults;
		this.batches = new BatchExecutor(calls, faults);
		this.multiIds = new MultiIdReader(calls, faults);
	}

	GraphResponse handle(GraphRequest request, long sequence) {
		RequestPath path = RequestPath.parse(request.path());
		GraphVersion version = path.version() != null ? path.version() : calls.defaultVersion();
		ErrorFault refused = GraphService.readsIdMatching(request)
				? faults.takeError(calls.scopeOf(request.accessToken()), true, false) : null;
		if (refused != null) {
			return refuseRequest(request, refused);
		}
		if (path.isRoot() && request.param("batch") != null) {
			return batches.execute(request, version, sequence);
		}
		if (request.param("ids") != null) {
			return multiIds.read(request, path, version, sequence);
		}
		calls.recordNodeRequest(request);
		if (faults.roll(FaultKind.SERVER_ERROR, sequence, 0)) {
			return calls.injectServerError(request.accessToken(), version, faults.serverErrorCode(sequence, 0));
		}
		ErrorFault error = GraphService.readsIdMatching(request) ? faults.takeError(
				calls.scopeOf(request.accessToken()), false, GraphService.asksProfile(request)) : null;
		if (error != null) {
			return calls.injectError(request.accessToken(), version, error.kind());
		}
		return calls.call(request, version).response();
	}

	/**
	 * A 429 or 503 for the whole request, as an edge proxy sends it: plain text and {@code Retry-After} in seconds;
	 * every batch item in it counts as a request for its node and a transient fault of its scope.
	 */
	private GraphResponse refuseRequest(GraphRequest request, ErrorFault refused) {
		calls.recordRefusedRequest(request, refused.kind());
		boolean tooMany = refused.kind() == FaultKind.TOO_MANY_REQUESTS;
		GraphResponse response = new GraphResponse(tooMany ? 429 : 503, new java.util.LinkedHashMap<>(),
				tooMany ? "Too Many Requests" : "Service Unavailable", "text/plain; charset=utf-8");
		return response.withHeaders(Map.of("Retry-After", Long.toString(Math.max(0, refused.retryAfter().toSeconds()))));
	}
}
