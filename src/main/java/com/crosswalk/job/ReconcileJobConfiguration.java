package com.crosswalk.job;

import java.sql.Timestamp;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.crosswalk.config.CrosswalkProperties;
import com.crosswalk.graph.GraphClient;
import com.crosswalk.identity.PersonMerger;
import com.crosswalk.input.ImportRecorder;
import com.crosswalk.input.ImportRecorder.ImportedRow;
import com.crosswalk.input.NumberedRow;
import com.crosswalk.input.RowValidator;
import com.crosswalk.lookup.AnsweredPage;
import com.crosswalk.lookup.LookupPlanner;
import com.crosswalk.lookup.OutcomeRecorder;
import com.crosswalk.lookup.RecheckBlocked;
import com.crosswalk.lookup.ScopeCallLogs;
import com.crosswalk.lookup.LookupLanes;
import com.crosswalk.lookup.LookupPartitions;
import com.crosswalk.report.RunReporter;
import com.crosswalk.sql.Database;

/**
 * The reconcile job: import → plan → lookup → merge → report. Steps hold no business logic; each calls the feature
 * class that does the work. Every step checks before each chunk that this process still holds the run lock and, on
 * an H2 file, that its disk has room ({@link WriteGuard}): a run that lost the lock to another process, or that would
 * fill the disk, stops instead.
 */
@Configuration
public class ReconcileJobConfiguration {

	public static final String JOB_NAME = "reconcileJob";

	/** Exit status of the plan step in a dry run: the job goes straight to the report, without any Graph call. */
	public static final String DRY_RUN = "DRY_RUN";

	/** The lookup's passes, one partitioned step each: the probes, the first pass and the second. */
	static final String PROBE_STEP = "probeStep";

	static final String LOOKUP_STEP = "lookupStep";

	static final String SECOND_PASS_STEP = "secondPassStep";

	@Bean
	Job reconcileJob(JobRepository jobRepository, Step prepareStep, Step importStep, Step planStep, Step probeStep,
			Step lookupStep, Step secondPassStep, Step mergeStep, Step reportStep, RunReporter reporter) {
		return new JobBuilder(JOB_NAME, jobRepository)
			.listener(reporter)
			.start(prepareStep).next(importStep).next(planStep)
			.on(DRY_RUN).to(reportStep)
			.from(planStep).on("*").to(probeStep).next(lookupStep).next(secondPassStep).next(mergeStep)
			.next(reportStep)
			.end()
			.build();
	}

	@Bean
	WriteGuard writeGuard(RunLocks runLocks, DataSource dataSource, CrosswalkProperties properties,
			PlatformTransactionManager tm) {
		return new WriteGuard(runLocks, H2DiskFloor.of(dataSource, properties.minFreeDisk()), tm);
	}

	/** A new run starts from an empty staging table; a resumed run keeps its own rows. */
	@Bean
	Step prepareStep(JobRepository jobRepository, PlatformTransactionManager tm, ImportRecorder recorder,
			WriteGuard guard) {
		Tasklet clearStaging = (contribution, chunk) -> {
			recorder.startEmpty();
			return RepeatStatus.FINISHED;
		};
		return new StepBuilder("prepareStep", jobRepository).tasklet(clearStaging, tm).listener(guard).build();
	}

	@Bean
	Step importStep(JobRepository jobRepository, PlatformTransactionManager tm, InputItemReader inputReader,
			RowValidator validator, ItemWriter<ImportedRow> importWriter, CrosswalkProperties properties,
			Database database, WriteGuard guard) {
		return new StepBuilder(StagedInput.IMPORT_STEP, jobRepository)
			.<NumberedRow, ImportedRow>chunk(properties.input().chunkSize(database))
			.transactionManager(tm)
			.reader(inputReader)
			.processor(row -> new ImportedRow(row.ordinal(), validator.validate(row.row())))
			.writer(importWriter)
			.listener(ProgressListener.rows("import", inputReader::estimatedRows, properties.progressEvery()))
			.listener(guard)
			.build();
	}

	/** Reads the input the run recorded when it started, whatever is configured when it resumes. */
	@Bean
	@StepScope
	InputItemReader inputReader(InputSources sources, CrosswalkProperties properties,
			@Value("#{stepExecution.jobExecution.jobParameters}") JobParameters parameters) {
		InputSettings recorded = InputSettings.recorded(parameters, InputSettings.configured(properties.input()));
		return new InputItemReader("inputReader", sources, recorded);
	}

	@Bean
	@StepScope
	ItemWriter<ImportedRow> importWriter(ImportRecorder recorder,
			@Value("#{stepExecution}") StepExecution stepExecution) {
		long instanceId = instanceId(stepExecution);
		return chunk -> {
			if (recorder.record(instanceId, chunk.getItems()) > 0) {
				StagedInput.markStaged(stepExecution);
			}
		};
	}

	@Bean
	Step planStep(JobRepository jobRepository, PlatformTransactionManager tm, LookupPlanner planner,
			CrosswalkProperties properties, WriteGuard guard) {
		Tasklet plan = (contribution, chunk) -> {
			var stepExecution = contribution.getStepExecution();
			LookupPlanner.LookupPlan lookupPlan = planner.plan(instanceId(stepExecution),
					RecheckBlocked.parse(stepExecution.getJobParameters().getString(ReconcileLauncher.RECHECK_BLOCKED)));
			JobExecutionFacts.storePlan(stepExecution.getJobExecution(), lookupPlan);
			if (properties.dryRun()) {
				contribution.setExitStatus(new ExitStatus(DRY_RUN));
			}
			return RepeatStatus.FINISHED;
		};
		return new StepBuilder("planStep", jobRepository).tasklet(plan, tm).listener(guard).build();
	}

	/**
	 * The lookup, a pass at a time, each pass a partitioned step whose partitions (scopes, or slices of them on
	 * workers) run side by side: pass 0 probes the scopes whose review window has passed and opens the scopes workers
	 * will slice, pass 1 looks up one ID per customer, pass 2 the IDs the first answers did not name. A pass starts
	 * when the one before has recorded every answer.
	 */
	@Bean
	Step probeStep(JobRepository jobRepository, Step lookupWorkerStep, LookupPartitions partitions,
			CrosswalkProperties properties, ProgressListener lookupProgress, PassPartitioning partitioning) {
		return lookupPass(PROBE_STEP, new LookupPartitioner(partitions, 0), jobRepository, lookupWorkerStep,
				properties, lookupProgress, partitioning);
	}

	@Bean
	Step lookupStep(JobRepository jobRepository, Step lookupWorkerStep, LookupPartitions partitions,
			CrosswalkProperties properties, ProgressListener lookupProgress, PassPartitioning partitioning) {
		return lookupPass(LOOKUP_STEP, new LookupPartitioner(partitions, 1), jobRepository, lookupWorkerStep,
				properties, lookupProgress, partitioning);
	}

	@Bean
	Step secondPassStep(JobRepository jobRepository, Step lookupWorkerStep, LookupPartitions partitions,
			CrosswalkProperties properties, ProgressListener lookupProgress, PassPartitioning partitioning) {
		return lookupPass(SECOND_PASS_STEP, new LookupPartitioner(partitions, 2), jobRepository,
				lookupWorkerStep, properties, lookupProgress, partitioning);
	}

	private static Step lookupPass(String name, LookupPartitioner partitioner, JobRepository jobRepository,
			Step worker, CrosswalkProperties properties, ProgressListener progress, PassPartitioning partitioning) {
		return partitioning.pass(name, jobRepository, worker, partitioner, properties.lookup().partitions(), progress);
	}

	/** One line of progress for each pass, counting the IDs every partition of it has recorded. */
	@Bean
	ProgressListener lookupProgress(JdbcTemplate jdbc, CrosswalkProperties properties) {
		return ProgressListener.lookups(jdbc, properties.progressEvery());
	}

	/**
	 * A partition of a pass. Each iteration records the pages its lanes have answered since the last one, in one short
	 * transaction of the recorder's own; the step's transaction manager holds no connection, so waiting on the Graph
	 * API's rate limits never pins a database connection. Every read in an iteration (its listeners', the lanes'
	 * set-up) runs in a transaction of its own too: Spring Batch synchronizes the iteration's resourceless
	 * transaction, which would keep a read's pooled connection until the iteration ended, and with as many partitions
	 * as the pool has connections the one whose turn it was to record found none ({@code ManyScopesJobTest}).
	 */
	@Bean
	Step lookupWorkerStep(JobRepository jobRepository, Tasklet lookupTasklet, ProgressListener lookupProgress,
			WriteGuard guard, RunLocks runLocks, JdbcTemplate jdbc, ScopeCallLogs callLogs,
			GraphClient graphClient, PlatformTransactionManager tm) {
		return new StepBuilder(LookupPartitioner.WORKER_STEP, jobRepository)
			.tasklet(lookupTasklet, new ResourcelessTransactionManager())
			.listener(LookupPartitioner.workerMark())
			.listener((ChunkListener<?, ?>) lookupProgress)
			.listener(guard)
			.listener(LookupPartitioner.managerCheck(runLocks, jdbc, tm))
			.listener(LookupPartitioner.callLogHandover(callLogs, graphClient))
			.build();
	}

	@Bean
	@StepScope
	Tasklet lookupTasklet(LookupLanes lanes, OutcomeRecorder recorder,
			@Value("#{stepExecution.jobExecution.jobInstanceId}") long instanceId) {
		return (contribution, chunk) -> {
			List<AnsweredPage> pages = lanes.next();
			if (pages.isEmpty()) {
				return RepeatStatus.FINISHED;
			}
			contribution.incrementWriteCount(recorder.record(instanceId, pages));
			lanes.recorded();
			return RepeatStatus.CONTINUABLE;
		};
	}

	@Bean
	@StepScope
	LookupLanes lookupLanes(JdbcTemplate jdbc, GraphClient graphClient, LookupPlanner planner,
			@Value("#{stepExecution}") StepExecution stepExecution) {
		LookupLanes lanes = new LookupLanes(jdbc, graphClient, LookupPartitioner.of(stepExecution.getExecutionContext()));
		lanes.knownUnderReview(planner.scopesMetUnderReview(instanceId(stepExecution)));
		lanes.knownRefused(planner.scopesRefusedSince(Timestamp.valueOf(stepExecution.getJobExecution().getStartTime())));
		return lanes;
	}

	@Bean
	Step mergeStep(JobRepository jobRepository, PlatformTransactionManager tm, PersonMerger merger,
			WriteGuard guard) {
		Tasklet merge = (contribution, chunk) -> {
			merger.merge(instanceId(contribution.getStepExecution()));
			return RepeatStatus.FINISHED;
		};
		return new StepBuilder("mergeStep", jobRepository).tasklet(merge, tm).listener(guard).build();
	}

	@Bean
	Step reportStep(JobRepository jobRepository, PlatformTransactionManager tm, RunReporter reporter,
			WriteGuard guard) {
		Tasklet report = (contribution, chunk) -> {
			reporter.writeExports(contribution.getStepExecution().getJobExecution());
			return RepeatStatus.FINISHED;
		};
		return new StepBuilder("reportStep", jobRepository).tasklet(report, tm).listener(guard).build();
	}

	private static long instanceId(StepExecution stepExecution) {
		return stepExecution.getJobExecution().getJobInstanceId();
	}

}
