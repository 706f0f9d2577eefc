package com.crosswalk.workers;

import java.time.Clock;
import java.time.Duration;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.messaging.MessageChannel;

import com.crosswalk.job.PassPartitioning;

/**
 * A pass's partitions sent to workers: one request per partition on the broker's queue; the manager polls the job
 * repository until every partition has ended, while {@link PartitionWatch} fails those whose worker stopped.
 */
final class RemotePassPartitioning implements PassPartitioning {

	private static final Duration POLL = Duration.ofSeconds(1);

	private final MessageChannel requests;

	private final WorkerHeartbeats heartbeats;

	private final Duration stallAfter;

	private final Duration firstWorkerWithin;

	private final Clock clock;

	RemotePassPartitioning(MessageChannel requests, WorkerHeartbeats heartbeats, Duration stallAfter,
			Duration firstWorkerWithin, Clock clock) {
		this.requests = requests;
		this.heartbeats = heartbeats;
		this.stallAfter = stallAfter;
		this.firstWorkerWithin = firstWorkerWithin;
		this.clock = clock;
	}

	@Override
	public Step pass(String name, JobRepository jobRepository, Step workerStep, Partitioner partitioner,
			int gridSize, StepExecutionListener progress) {
		return new RemotePartitioningManagerStepBuilder(name, jobRepository)
			.partitioner(workerStep.getName(), partitioner)
			.gridSize(gridSize)
			.outputChannel(requests)
			.pollInterval(POLL.toMillis())
			.listener(progress)
			.listener(new PartitionWatch(jobRepository, heartbeats, stallAfter, firstWorkerWithin, clock,
					(ChunkListener<?, ?>) progress))
			.build();
	}
}
