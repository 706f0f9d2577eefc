package com.crosswalk.job;

import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.progress.ProgressMeter;

/**
 * Progress while a step runs: a log line every few seconds (rows, rate, ETA) and, when a person watches a terminal,
 * a progress bar redrawn in place on stderr. A partitioned step's line counts the work of all its partitions: the
 * listener meters the step it was started with, and hears the chunks of that step's partitions (their worker step),
 * or, when they run on worker JVMs, is told of them as the manager sees them in the job repository.
 */
final class ProgressListener implements StepExecutionListener, ChunkListener<Object, Object> {

	private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);

	private static final long DRAW_EVERY_NANOS = Duration.ofMillis(250).toNanos();

	/** What the line calls the work, by the step's name. */
	private final Function<String, String> phase;

	private final String unit;

	/** Work done so far. */
	private final ToLongFunction<StepExecution> done;

	/**
	 * Asked when the step starts for the total the meter then asks at each line: a count fixed at the start, or an
	 * estimate that follows the work.
	 */
	private final Supplier<LongSupplier> total;

	private final Duration logEvery;

	private final PrintStream terminal;

	private StepExecution stepExecution;

	private ProgressMeter meter;

	private long lastDraw;

	/** Work done in each partition of the metered step, by the partition's step execution. */
	private final Map<Long, Long> doneByPartition = new ConcurrentHashMap<>();

	private long lastDone;

	private ProgressListener(Function<String, String> phase, String unit, ToLongFunction<StepExecution> done,
			Supplier<LongSupplier> total, Duration logEvery) {
		this.phase = phase;
		this.logEvery = logEvery;
		this.unit = unit;
		this.done = done;
		this.total = total;
		Console console = System.console();
		this.terminal = console != null ? System.err : null;
	}

	/** Rows read so far; the total of a streamed input is unknown. */
	static ProgressListener rows(String phase, Duration logEvery) {
		return rows(phase, () -> -1, logEvery);
	}

	/** Rows read so far, out of the rows the input is estimated to hold (from the share of a file read so far). */
	static ProgressListener rows(String phase, LongSupplier estimatedRows, Duration logEvery) {
		return new ProgressListener(step -> phase, "rows", StepExecution::getReadCount, () -> estimatedRows, logEvery);
	}

	/**
	 * IDs answered (the write counts of a pass's partitions) out of those that were pending when the pass started,
	 * which counts the IDs later passes hold too: pass 1's answers name most of them.
	 */
	static ProgressListener lookups(JdbcTemplate jdbc, Duration logEvery) {
		Supplier<LongSupplier> pendingAtStart = () -> {
			Long n = jdbc.queryForObject("SELECT COUNT(*) FROM cw_staging WHERE status = 'PENDING'", Long.class);
			long pending = n == null ? 0 : n;
			return () -> pending;
		};
		Function<String, String> phase = step -> switch (step) {
			case ReconcileJobConfiguration.PROBE_STEP -> "lookup probes";
			case ReconcileJobConfiguration.SECOND_PASS_STEP -> "lookup pass 2";
			default -> "lookup";
		};
		return new ProgressListener(phase, "IDs", StepExecution::getWriteCount, pendingAtStart, logEvery);
	}

	@Override
	public synchronized void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
		this.meter = new ProgressMeter(log, phase.apply(stepExecution.getStepName()), unit, total.get(), logEvery);
		doneByPartition.clear();
		lastDone = 0;
	}

	/** After a chunk of a chunk-oriented step. */
	@Override
	public void afterChunk(Chunk<Object> chunk) {
		report(stepExecution);
	}

	/** After an iteration of a tasklet step, the metered step's own or a partition's. */
	@Override
	public void afterChunk(ChunkContext context) {
		report(context.getStepContext().getStepExecution());
	}

	private synchronized void report(StepExecution step) {
		if (meter == null) {
			// a worker JVM runs partitions of a pass the manager meters
			return;
		}
		long doneCount;
		if (step == stepExecution) {
			doneCount = done.applyAsLong(step);
		}
		else {
			doneByPartition.put(step.getId(), done.applyAsLong(step));
			doneCount = doneByPartition.values().stream().mapToLong(Long::longValue).sum();
		}
		lastDone = doneCount;
		meter.update(doneCount);
		long now = System.nanoTime();
		if (terminal != null && now - lastDraw >= DRAW_EVERY_NANOS) {
			lastDraw = now;
			terminal.print("\r" + meter.line(doneCount) + "   ");
			terminal.flush();
		}
	}

	@Override
	public synchronized ExitStatus afterStep(StepExecution stepExecution) {
		if (terminal != null) {
			terminal.print("\r" + meter.line(lastDone) + "\n");
			terminal.flush();
		}
		return null;
	}
}
