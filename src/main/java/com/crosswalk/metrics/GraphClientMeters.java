package com.crosswalk.metrics;

import java.util.function.ToDoubleFunction;

import com.crosswalk.graph.GraphClient;
import com.crosswalk.graph.GraphMetrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The Graph client's counters as meters, read from its {@link GraphMetrics} whenever the registry is read: the client
 * itself knows nothing of Micrometer. No labels: nothing of a scope, an ID or a credential leaves the process.
 */
public class GraphClientMeters implements MeterBinder {

	private final GraphClient client;

	public GraphClientMeters(GraphClient client) {
		this.client = client;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		counter(registry, "crosswalk.graph.calls", "Graph API calls as Graph counts them against rate limits (one per batch item)",
				GraphMetrics::graphCalls);
		counter(registry, "crosswalk.http.requests", "HTTP requests sent to the Graph API, retries included",
				GraphMetrics::httpRequests);
		counter(registry, "crosswalk.graph.batch.requests", "Graph batch requests sent", GraphMetrics::batchRequests);
		counter(registry, "crosswalk.graph.retries", "calls repeated after a transient fault", GraphMetrics::retries);
		counter(registry, "crosswalk.graph.transient.faults", "timeouts, resets, 5xx and other transient faults seen",
				GraphMetrics::transientFaults);
		counter(registry, "crosswalk.graph.throttle.waits", "times a lookup waited for a paused or budget-limited scope",
				GraphMetrics::throttleWaits);
		FunctionCounter.builder("crosswalk.graph.throttle.wait", client,
				c -> c.metrics().throttleWaitTime().toMillis() / 1000.0)
			.baseUnit("seconds")
			.description("time spent waiting for paused or budget-limited scopes")
			.register(registry);
		counter(registry, "crosswalk.graph.throttled.answers", "answers with a rate-limit error code",
				GraphMetrics::throttledAnswers);
		Gauge.builder("crosswalk.graph.blocked.scopes", client, c -> c.metrics().blockedScopes())
			.description("apps and Pages found pending ID Matching review")
			.register(registry);
		Gauge.builder("crosswalk.graph.failed.auth.scopes", client, c -> c.metrics().failedAuthScopes())
			.description("apps and Pages whose token or appsecret_proof was rejected")
			.register(registry);
	}

	private void counter(MeterRegistry registry, String name, String description,
			ToDoubleFunction<GraphMetrics> value) {
		FunctionCounter.builder(name, client, c -> value.applyAsDouble(c.metrics()))
			.description(description)
			.register(registry);
	}
}
