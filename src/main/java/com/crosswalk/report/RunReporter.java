package com.crosswalk.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import com.crosswalk.job.RunLock;

/**
 * The run's outputs: the report step writes the CSV exports; when the job ends (completed or not) the summary goes
 * to {@code cw_run} and run-summary.json with the job's final status, and the run report to report.html and
 * report.md.
 */
public class RunReporter implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(RunReporter.class);

	static final String SUMMARY = "run-summary.json";

	static final String HTML_REPORT = "report.html";

	static final String MARKDOWN_REPORT = "report.md";

	private final RunSummaryStore summaries;

	private final CsvExports exports;

	private final ReportDataReader reportData;

	private final Path outputDir;

	/** The last summary saved: the command prints it rather than count the tables again. */
	private final AtomicReference<RunSummary> saved = new AtomicReference<>();

	public RunReporter(RunSummaryStore summaries, CsvExports exports, ReportDataReader reportData, Path outputDir) {
		this.summaries = summaries;
		this.exports = exports;
		this.reportData = reportData;
		this.outputDir = outputDir;
	}

	/** The report step. */
	public void writeExports(JobExecution execution) {
		exports.writeAll(outputDir, execution.getJobInstanceId());
		log.info("Outputs written to {}", outputDir.toAbsolutePath());
	}

	/** The summary {@link #afterJob} saved for the execution, if it got that far. */
	public Optional<RunSummary> savedSummary(JobExecution execution) {
		RunSummary summary = saved.get();
		return summary != null && summary.executionId() == execution.getId() ? Optional.of(summary) : Optional.empty();
	}

	@Override
	public void afterJob(JobExecution execution) {
		if (execution.getAllFailureExceptions().stream().anyMatch(RunLock.RunLockLostException.class::isInstance)) {
			// another process owns the database and the run now; its outputs may be in this same folder
			log.warn("Run lock lost: no summary or report written for execution {}", execution.getId());
			return;
		}
		RunSummary summary = summaries.summarize(execution);
		summaries.save(summary);
		saved.set(summary);
		write(SUMMARY, summaries.toJson(summary));
		if (!summary.addsUp()) {
			log.error("The run's counts do not add up: {}", summary.asMap());
		}
		try {
			ReportData data = reportData.read(summary);
			write(HTML_REPORT, HtmlReport.render(data));
			write(MARKDOWN_REPORT, MarkdownReport.render(data));
		}
		catch (RuntimeException e) {
			// The report is for people; the run's result is already in the tables, the exports and the summary.
			log.error("Could not write the run report ({}): {}", HTML_REPORT, e.getMessage(), e);
		}
	}

	/** Under a temporary name, then moved into place: whoever opens the file never sees half of it. */
	private void write(String name, String content) {
		Path file = outputDir.resolve(name);
		Path partial = outputDir.resolve(name + ".partial");
		try {
			Files.createDirectories(outputDir);
			Files.writeString(partial, content, StandardCharsets.UTF_8);
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
		}
	}
}
