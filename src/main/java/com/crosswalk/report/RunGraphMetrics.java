package com.crosswalk.report;

import com.crosswalk.graph.GraphMetrics;

/** What a run's Graph clients did: this process's, and its workers' when the lookup ran on worker JVMs. */
@FunctionalInterface
public interface RunGraphMetrics {

	GraphMetrics of(long executionId);
}
