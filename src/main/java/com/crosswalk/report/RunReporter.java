package com.crosswalk.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;

/** The report step: the run summary (table and JSON) and every output file. */
public class RunReporter {

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

	public RunSummary report(JobExecution execution) {
		RunSummary summary = summaries.summarize(execution);
		summaries.save(summary);
		exports.writeAll(outputDir, summary.instanceId());
		try {
			Files.writeString(outputDir.resolve(SUMMARY), summaries.toJson(summary), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot write " + outputDir.resolve(SUMMARY) + ": " + e.getMessage(), e);
		}
		if (!summary.addsUp()) {
			log.error("The run's counts do not add up: {}", summary.asMap());
		}
		log.info("Outputs written to {}", outputDir.toAbsolutePath());
		return summary;
	}
}
