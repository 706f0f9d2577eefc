package com.crosswalk.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

import com.crosswalk.lookup.LookupPartition;
import com.crosswalk.lookup.LookupPartitions;
import com.crosswalk.lookup.ScopeSlicing;
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
		LookupPartitions partitions = new LookupPartitions(jdbc, 100, 10, ScopeSlicing.NONE);

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

	@Test
	void aWorkersPartitionStopsOnceTheRunThatSentItHasEnded() {
		DataSource dataSource = TestDatabase.h2(dir.resolve("db")).migrated().dataSource();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.update("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY)"
				+ " VALUES (1, 0, 'reconcileJob', 'k')");
		jdbc.update("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, STATUS)"
				+ " VALUES (7, 0, 1, CURRENT_TIMESTAMP, 'STARTED')");
		JobExecution job = new JobExecution(7L, new JobInstance(1L, "reconcileJob"), new JobParameters());
		ChunkContext iteration = new ChunkContext(new StepContext(new StepExecution(8L, "lookupWorkerStep:p", job)));
		// a worker JVM holds no run lock of its own
		ChunkListener<Object, Object> workerCheck = LookupPartitioner.managerCheck(
				new RunLocks(jdbc, Clock.systemUTC(), Duration.ofSeconds(20)), jdbc, new JdbcTransactionManager(dataSource));

		workerCheck.beforeChunk(iteration);

		// its manager was killed, and a new start recovered the execution to resume it
		jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED'");
		assertThatThrownBy(() -> workerCheck.beforeChunk(iteration))
			.isInstanceOf(LookupPartitioner.ManagerStoppedException.class)
			.hasMessageContaining("execution 7) is FAILED");
	}
}
