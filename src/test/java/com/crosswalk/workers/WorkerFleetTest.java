package com.crosswalk.workers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerFleetTest {

	@Test
	void eachWorkerRunsAtMostItsShareOfAPassSoNoneTakesTheOthersPartitions() {
		assertThat(WorkerFleet.slotsPerWorker(5, 2)).isEqualTo(3);
		assertThat(WorkerFleet.slotsPerWorker(5, 4)).isEqualTo(2);
		assertThat(WorkerFleet.slotsPerWorker(8, 1)).isEqualTo(8);
		assertThat(WorkerFleet.slotsPerWorker(2, 4)).as("a worker without a partition of its own").isEqualTo(1);
	}
}
