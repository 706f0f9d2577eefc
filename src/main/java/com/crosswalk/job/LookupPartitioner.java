package com.crosswalk.job;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.crosswalk.graph.GraphClient;
import com.crosswalk.lookup.LookupPartition;
import com.crosswalk.lookup.LookupPartitions;
import com.crosswalk.lookup.ScopeCallLogs;

/**
 * A lookup pass's partitions as Spring Batch carries them: each in the execution context of its worker step, which is
 * what a restarted step reads back for a partition of the same name.
 */
final class LookupPartitioner implements Partitioner {

	private static final String PASS = "crosswalk.lookup.pass";

	private static final String SCOPES = "crosswalk.lookup.scopes";

	private static final String PAGE_SIZE = "crosswalk.lookup.pageSize";

	private static final String SLICE = "crosswalk.lookup.slice";

	private static final String SLICES = "crosswalk.lookup.slices";

	/** The process that ran the partition last, as {@code pid@host}. */
	private static final String WORKER = "crosswalk.lookup.worker";

	/**
	 * The step execution the mark is of: a restarted partition's new execution starts with its last execution's
	 * context (Spring Batch hands it over), whose mark names the process that ran that one.
	 */
	private static final String MARKED_EXECUTION = "crosswalk.lookup.workerExecution";

	/** The step every partition runs, and the prefix of their step names. */
	static final String WORKER_STEP = "lookupWorkerStep";

	private final LookupPartitions partitions;

	private final int pass;

	LookupPartitioner(LookupPartitions partitions, int pass) {
		this.partitions = partitions;
		this.pass = pass;
	}

	/**
	 * Split afresh from the IDs still pending, on a restart too: a partition that finished before has none left and
	 * is not among them; one that did not is, under the same name.
	 */
	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
		for (LookupPartition partition : partitions.of(pass, gridSize)) {
			ExecutionContext context = new ExecutionContext();
			context.putInt(PASS, partition.pass());
			context.putString(SCOPES, String.join(",", partition.scopes()));
			context.putInt(PAGE_SIZE, partition.pageSize());
			context.putInt(SLICE, partition.slice().part());
			context.putInt(SLICES, partition.slice().parts());
			contexts.put(partition.name(), context);
		}
		return contexts;
	}

	/** The partition a worker step runs. */
	static LookupPartition of(ExecutionContext context) {
		return new LookupPartition(context.getInt(PASS), Arrays.asList(context.getString(SCOPES).split(",")),
				context.getInt(PAGE_SIZE), new LookupPartition.Slice(context.getInt(SLICE, 0), context.getInt(SLICES, 1)));
	}

	/** Marks each partition with the process that runs it, for {@code status}. */
	static StepExecutionListener workerMark() {
		return new StepExecutionListener() {
			@Override
			public void beforeStep(StepExecution stepExecution) {
				stepExecution.getExecutionContext().putString(WORKER, PartitionState.THIS_PROCESS);
				stepExecution.getExecutionContext().putLong(MARKED_EXECUTION, stepExecution.getId());
			}
		};
	}

	/**
	 * Before each iteration of a partition on a worker JVM, checks that the run that sent it is still running: once
	 * its manager has stopped (it failed, or was killed and a new start recovered its execution), the partition stops
	 * too, and the run that resumes it is the only one looking its IDs up. The manager's own partitions are checked
	 * by {@link WriteGuard}.
	 */
	static ChunkListener<Object, Object> managerCheck(RunLocks runLocks, JdbcTemplate jdbc,
			PlatformTransactionManager transactionManager) {
		// a transaction of its own, so the iteration does not keep the connection while it waits (WriteGuard)
		TransactionTemplate ownTransaction = new TransactionTemplate(transactionManager);
		return new ChunkListener<>() {
			@Override
			public void beforeChunk(ChunkContext context) {
				if (runLocks.holdsOne()) {
					return;
				}
				long execution = context.getStepContext().getStepExecution().getJobExecutionId();
				String status = ownTransaction.execute(tx -> jdbc.queryForObject(
						"SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", String.class, execution));
				if (!BatchStatus.valueOf(status).isRunning()) {
					throw new ManagerStoppedException(execution, status);
				}
			}
		};
	}

	/** The run a worker's partition belongs to ended while the partition ran. */
	static final class ManagerStoppedException extends RuntimeException {

		ManagerStoppedException(long execution, String status) {
			super("this partition stopped: the run that sent it (execution " + execution + ") is " + status
					+ ", its manager stopped; the same reconcile command resumes the partition");
		}
	}

	/**
	 * Hands the partition's scopes' recent calls to this JVM's Graph client before it runs, and keeps them for the
	 * next pass's partition (perhaps in another worker JVM) after ({@link ScopeCallLogs}).
	 */
	static StepExecutionListener callLogHandover(ScopeCallLogs callLogs, GraphClient client) {
		return new StepExecutionListener() {
			@Override
			public void beforeStep(StepExecution partition) {
				callLogs.handTo(client, of(partition.getExecutionContext()));
			}

			@Override
			public ExitStatus afterStep(StepExecution partition) {
				callLogs.keepFrom(client, of(partition.getExecutionContext()));
				return null;
			}
		};
	}

	/** The lookup partitions an execution ran, by pass and name. */
	static List<PartitionState> ranBy(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.flatMap(step -> PartitionState.partitionOf(step)
				.map(partition -> new PartitionState(partition, step.getStatus().name(), step.getWriteCount(),
						worker(step).orElse("-")))
				.stream())
			.sorted(Comparator.comparing((PartitionState state) -> state.partition().pass())
				.thenComparing(state -> state.partition().scopes().get(0))
				.thenComparing(state -> state.partition().slice().part()))
			.toList();
	}

	/** The process that runs (or ran) this execution of a partition, once it has started. */
	static Optional<String> worker(StepExecution step) {
		ExecutionContext context = step.getExecutionContext();
		return context.containsKey(MARKED_EXECUTION) && context.getLong(MARKED_EXECUTION) == step.getId()
				? Optional.ofNullable(context.getString(WORKER, null)) : Optional.empty();
	}
}
