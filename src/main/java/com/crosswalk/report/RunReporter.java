package com.crosswalk.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * The run's outputs: the report step writes the CSV exports; when the job ends (completed or not) the summary goes
 * to {@code cw_run} and run-summary.json with the job's final status.
 */
public class RunReporter implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(RunReporter.class);

	static final String SUMMARY = "run-summary.json";

	private final RunSummaryStore summaries;

	private final CsvExports exports;

	private final Path outputDir;

	public RunReporter(RunSummaryStore summaries, CsvExports exports, Path outputDir) {
		this.summaries = summaries;
		this.exports = exports;
		this.outputDir = outputDir;
	}

	/** The report step. */
	public void writeExports(JobExecution execution) {
		exports.writeAll(outputDir, execution.getJobInstanceId());
		log.info("Outputs written to {}", outputDir.toAbsolutePath());
	}

	@Override
	public void afterJob(JobExecution execution) {
		RunSummary summary = summaries.summarize(execution);
		summaries.save(summary);
		try {
			Files.createDirectories(outputDir);
			Files.writeString(outputDir.resolve(SUMMARY), summaries.toJson(summary), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot write " + outputDir.resolve(SUMMARY) + ": " + e.getMessage(), e);
		}
		if (!summary.addsUp()) {
			log.error("The run's counts do not add up: {}", summary.asMap());
		}
	}
}
