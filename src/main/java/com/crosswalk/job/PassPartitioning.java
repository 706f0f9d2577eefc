package com.crosswalk.job;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Where a lookup pass's partitions run: side by side in this JVM, or on worker JVMs that a broker hands them to
 * (crosswalk.workers). Either way a pass is one manager step whose partitions are the worker step's executions.
 */
public interface PassPartitioning {

	/**
	 * The pass's manager step. {@code progress} meters the pass and hears each partition's iterations (it is also a
	 * {@link org.springframework.batch.core.listener.ChunkListener}): from the worker step in this JVM, or as the
	 * manager sees them in the job repository.
	 */
	Step pass(String name, JobRepository jobRepository, Step workerStep, Partitioner partitioner, int gridSize,
			StepExecutionListener progress);

	/** Every partition on a thread of this JVM. */
	static PassPartitioning inThisJvm() {
		return (name, jobRepository, workerStep, partitioner, gridSize, progress) -> new StepBuilder(name,
				jobRepository)
			.partitioner(workerStep.getName(), partitioner)
			.step(workerStep)
			.gridSize(gridSize)
			.taskExecutor(new SimpleAsyncTaskExecutor("crosswalk-partition-"))
			.listener(progress)
			.build();
	}
}
