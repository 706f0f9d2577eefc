package com.crosswalk.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** The progress line's interval is {@code crosswalk.progress-every}: the crash test's kill point depends on it. */
class ProgressListenerTest {

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(ProgressListener.class);

	@BeforeEach
	void captureLogs() {
		logs.start();
		logger.addAppender(logs);
	}

	@AfterEach
	void release() {
		logger.detachAppender(logs);
	}

	@Test
	void anIntervalOfZeroLogsAfterEveryChunkWithTheRowsReadSoFar() {
		StepExecution step = importStep();
		ProgressListener progress = ProgressListener.rows("import", Duration.ZERO);
		progress.beforeStep(step);
		step.setReadCount(1_000);
		progress.afterChunk(new Chunk<>());
		step.setReadCount(2_000);
		progress.afterChunk(new Chunk<>());

		List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).startsWith("import: 1,000 rows");
		assertThat(lines.get(1)).startsWith("import: 2,000 rows");
	}

	@Test
	void noLineBeforeTheIntervalHasPassed() {
		StepExecution step = importStep();
		ProgressListener progress = ProgressListener.rows("import", Duration.ofHours(1));
		progress.beforeStep(step);
		step.setReadCount(1_000);
		progress.afterChunk(new Chunk<>());

		assertThat(logs.list).isEmpty();
	}

	@Test
	void anImportOfAFileEstimatesItsTotalAndEta() {
		StepExecution step = importStep();
		ProgressListener progress = ProgressListener.rows("import", () -> 4_000, Duration.ZERO);
		progress.beforeStep(step);
		step.setReadCount(1_000);
		progress.afterChunk(new Chunk<>());

		assertThat(logs.list).singleElement()
			.extracting(ILoggingEvent::getFormattedMessage)
			.asString()
			.startsWith("import [")
			.contains(" 25% 1,000/4,000 rows", "ETA ");
	}

	@Test
	void aLookupCountsItsTotalOnceWhenTheStepStarts() {
		JdbcTemplate jdbc = fourPendingIds("progress-lookups");
		try {
			StepExecution step = importStep();
			ProgressListener progress = ProgressListener.lookups(jdbc, Duration.ZERO);
			progress.beforeStep(step);
			// answers move IDs out of PENDING as the step goes: the total stays what was pending at the start
			jdbc.update("UPDATE cw_staging SET status = 'RESOLVED' WHERE id_key = 'a'");
			step.setWriteCount(1);
			progress.afterChunk(new Chunk<>());

			assertThat(logs.list).singleElement()
				.extracting(ILoggingEvent::getFormattedMessage)
				.asString()
				.contains(" 25% 1/4 IDs");
		}
		finally {
			jdbc.execute("SHUTDOWN");
		}
	}

	@Test
	void aPartitionedPassCountsWhatAllItsPartitionsRecorded() {
		JdbcTemplate jdbc = fourPendingIds("progress-partitions");
		try {
			JobExecution job = new JobExecution(1L, new JobInstance(1L, "reconcileJob"), new JobParameters());
			StepExecution pass = new StepExecution(1L, "secondPassStep", job);
			StepExecution first = new StepExecution(2L, "lookupWorkerStep:pass2-111", job);
			StepExecution second = new StepExecution(3L, "lookupWorkerStep:pass2-222", job);
			ProgressListener progress = ProgressListener.lookups(jdbc, Duration.ZERO);
			progress.beforeStep(pass);

			first.setWriteCount(1);
			progress.afterChunk(new ChunkContext(new StepContext(first)));
			second.setWriteCount(1);
			progress.afterChunk(new ChunkContext(new StepContext(second)));
			first.setWriteCount(2);
			progress.afterChunk(new ChunkContext(new StepContext(first)));

			assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
				.last()
				.asString()
				.startsWith("lookup pass 2 [")
				.contains(" 75% 3/4 IDs");
		}
		finally {
			jdbc.execute("SHUTDOWN");
		}
	}

	/** A staging table of its own, in memory, with four IDs pending. */
	private static JdbcTemplate fourPendingIds(String database) {
		JdbcTemplate jdbc = new JdbcTemplate(
				new DriverManagerDataSource("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1"));
		jdbc.execute("CREATE TABLE cw_staging (id_key VARCHAR(20) PRIMARY KEY, status VARCHAR(16))");
		jdbc.batchUpdate("INSERT INTO cw_staging VALUES (?, 'PENDING')",
				List.of(new Object[] { "a" }, new Object[] { "b" }, new Object[] { "c" }, new Object[] { "d" }));
		return jdbc;
	}

	private static StepExecution importStep() {
		JobExecution job = new JobExecution(1L, new JobInstance(1L, "reconcileJob"), new JobParameters());
		return new StepExecution(1L, "importStep", job);
	}
}
