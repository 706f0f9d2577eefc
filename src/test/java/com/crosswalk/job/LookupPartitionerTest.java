package com.crosswalk.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.lookup.LookupPartition;
import com.crosswalk.lookup.LookupPartitions;
import com.crosswalk.support.TestDatabase;

class LookupPartitionerTest {

	@TempDir
	Path dir;

	@Test
	void aWorkerStepReadsBackThePartitionItWasGivenAndOtherStepsAreNone() {
		JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.h2(dir.resolve("db")).migrated().dataSource());
		for (String scope : List.of("111", "222")) {
			jdbc.update("INSERT INTO cw_staging (id_key, id_type, scope_id, scoped_id, first_position, lookup_order,"
					+ " occurrences, lookup_pass, status, instance_id) VALUES (?, 'psid', ?, '1', 1, 1, 1, 1, 'PENDING', 1)",
					"psid:" + scope + ":1", scope);
		}
		LookupPartitions partitions = new LookupPartitions(jdbc, 100, 10);

		Map<String, ExecutionContext> contexts = new LookupPartitioner(partitions, 1).partition(8);

		JobExecution job = new JobExecution(1L, new JobInstance(1L, "reconcileJob"), new JobParameters());
		List<LookupPartition> expected = partitions.of(1, 8);
		assertThat(contexts.keySet()).containsExactlyElementsOf(expected.stream().map(LookupPartition::name).toList());
		for (LookupPartition partition : expected) {
			StepExecution worker = new StepExecution(2L, LookupPartitioner.WORKER_STEP + ":" + partition.name(), job);
			worker.setExecutionContext(contexts.get(partition.name()));
			assertThat(PartitionState.partitionOf(worker)).contains(partition);
		}
		assertThat(PartitionState.partitionOf(new StepExecution(3L, "mergeStep", job))).isEmpty();
	}
}
