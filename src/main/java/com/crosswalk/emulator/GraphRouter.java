package com.crosswalk.emulator;

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
		if (path.isRoot() && request.param("batch") != null) {
			return batches.execute(request, version, sequence);
		}
		if (request.param("ids") != null) {
			return multiIds.read(request, path, version, sequence);
		}
		if (faults.roll(FaultKind.SERVER_ERROR, sequence, 0)) {
			return calls.injectServerError(request.accessToken(), version, faults.serverErrorCode(sequence, 0));
		}
		return calls.call(request, version).response();
	}
}
