package com.crosswalk.workers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.crosswalk.graph.GraphMetrics;
import com.crosswalk.job.PartitionState;

/**
 * A worker's Graph calls by run: its client counts everything since the worker started, so a run's share is what it
 * counted since the run's first partition here. Written after each partition; a killed worker's last share is lost.
 */
final class RunShares {

	private final WorkerGraphCalls calls;

	private final Supplier<GraphMetrics> client;

	private final Map<Long, GraphMetrics> atFirstPartition = new ConcurrentHashMap<>();

	RunShares(WorkerGraphCalls calls, Supplier<GraphMetrics> client) {
		this.calls = calls;
		this.client = client;
	}

	void partitionStarts(long executionId) {
		atFirstPartition.computeIfAbsent(executionId, id -> client.get());
	}

	void partitionEnded(long executionId) {
		calls.record(executionId, PartitionState.THIS_PROCESS,
				client.get().since(atFirstPartition.getOrDefault(executionId, GraphMetrics.none())));
	}
}
