package com.crosswalk.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.crosswalk.config.CrosswalkProperties;

class WorkerFleetTest {

	@Test
	void eachWorkerRunsAtMostItsShareOfAPassSoNoneTakesTheOthersPartitions() {
		assertThat(WorkerFleet.slotsPerWorker(5, 2)).isEqualTo(3);
		assertThat(WorkerFleet.slotsPerWorker(5, 4)).isEqualTo(2);
		assertThat(WorkerFleet.slotsPerWorker(8, 1)).isEqualTo(8);
		assertThat(WorkerFleet.slotsPerWorker(2, 4)).as("a worker without a partition of its own").isEqualTo(1);
	}

	@Test
	void aWorkerJvmStartsWithTheWorkersJvmOptionsAndTheRunsSettingsButItsOwnShare() {
		List<String> managerArgs = List.of("--crosswalk.input.csv=customers.csv", "--crosswalk.workers.count=2",
				"--crosswalk.workers.jvm-options=-Xmx1g");

		List<String> shipped = fleet(Map.of("crosswalk.workers.count", "2"), managerArgs).command(3, Path.of("w1"));
		List<String> given = fleet(Map.of("crosswalk.workers.count", "2", "crosswalk.workers.jvm-options", "-Xmx1g"),
				managerArgs)
			.command(3, Path.of("w1"));

		assertThat(shipped.subList(1, 3)).as("by default C1 only and the serial collector")
			.containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
		assertThat(given.get(1)).isEqualTo("-Xmx1g");
		assertThat(given).doesNotContain("-XX:TieredStopAtLevel=1");
		assertThat(given.subList(given.indexOf("worker"), given.size())).as("what follows the launcher")
			.contains("--crosswalk.input.csv=customers.csv", "--crosswalk.workers.concurrency=3")
			.noneMatch(arg -> arg.startsWith("--crosswalk.workers.count") || arg.startsWith("--crosswalk.workers.jvm"));
	}

	private static WorkerFleet fleet(Map<String, String> settings, List<String> managerArgs) {
		CrosswalkProperties properties = new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("crosswalk", CrosswalkProperties.class);
		return new WorkerFleet(properties, managerArgs, "http://127.0.0.1:1", 5);
	}
}
