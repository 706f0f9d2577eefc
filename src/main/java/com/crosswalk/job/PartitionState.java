package com.crosswalk.job;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import com.crosswalk.lookup.LookupPartition;

/**
 * A lookup partition as the job repository last saw it: its Spring Batch status, the IDs its iterations moved out of
 * PENDING, and the process that ran it ({@code pid@host}).
 */
public record PartitionState(LookupPartition partition, String status, long idsRecorded, String worker) {

	/** This process as partitions are marked with it, and as a worker's heartbeat row names it: {@code pid@host}. */
	public static final String THIS_PROCESS = ManagementFactory.getRuntimeMXBean().getName();

	/** The process that runs (or ran) a lookup partition, once it has started. */
	public static Optional<String> workerOf(StepExecution step) {
		return partitionOf(step).flatMap(partition -> LookupPartitioner.worker(step));
	}

	/** The lookup partition a step execution ran, if it is one. */
	public static Optional<LookupPartition> partitionOf(StepExecution step) {
		return step.getStepName().startsWith(LookupPartitioner.WORKER_STEP + ":")
				? Optional.of(LookupPartitioner.of(step.getExecutionContext())) : Optional.empty();
	}

	/** The lookup partitions of the last run's last execution, by pass and name; none before its lookup. */
	public static List<PartitionState> ofLastExecution(JobRepository repository) {
		JobInstance instance = repository.getLastJobInstance(ReconcileJobConfiguration.JOB_NAME);
		JobExecution last = instance == null ? null : repository.getLastJobExecution(instance);
		return last == null ? List.of() : LookupPartitioner.ranBy(last);
	}
}
