package com.crosswalk.metrics;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import com.crosswalk.report.RunReporter;
import com.crosswalk.report.RunSummary;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * A run's final values, for monitoring that reads files or a Pushgateway rather than scraping a process that has
 * ended: the outcome and exit code, the run's row and ID counts (its saved summary), each step's duration, with the
 * Graph client's meters ({@link GraphClientMeters}), Spring Batch's own and the JVM's, written to
 * {@code metrics.prom} in the output folder. A configured Pushgateway gets the same values when the application
 * closes (Spring Boot's {@code management.prometheus.metrics.export.pushgateway.*}).
 */
public class RunMetrics {

	private static final Logger log = LoggerFactory.getLogger(RunMetrics.class);

	private final PrometheusMeterRegistry registry;

	private final RunReporter reporter;

	private final Path outputDir;

	private final Clock clock;

	public RunMetrics(PrometheusMeterRegistry registry, GraphClientMeters graphMeters, RunReporter reporter,
			Path outputDir, Clock clock) {
		this.registry = registry;
		graphMeters.bindTo(registry);
		this.reporter = reporter;
		this.outputDir = outputDir;
		this.clock = clock;
	}

	/**
	 * Records how the run ended and writes {@code metrics.prom}; {@code execution} is null when the command stopped
	 * before the job started. A file that cannot be written is logged, never a reason to change the exit code.
	 */
	public void finish(JobExecution execution, int exitCode) {
		gauge("crosswalk.run.exit.code", "the command's exit code: 0 done, 1 failed (retry), 2 bad configuration,"
				+ " 3 done with IDs blocked or failed auth", exitCode);
		boolean completed = execution != null && execution.getStatus() == BatchStatus.COMPLETED;
		gauge("crosswalk.run.completed", "1 when the job ran to its end", completed ? 1 : 0);
		Gauge.builder("crosswalk.run.end.timestamp", () -> clock.millis() / 1000.0)
			.baseUnit("seconds")
			.description("when the run ended (Unix time): alert when it grows old")
			.register(registry);
		if (execution != null) {
			execution.getStepExecutions().forEach(this::stepDuration);
			reporter.savedSummary(execution).ifPresent(this::counts);
		}
		try {
			Path file = MetricsFile.write(outputDir, registry.scrape());
			log.info("Metrics written to {}", file.toAbsolutePath());
		}
		catch (RuntimeException e) {
			log.warn("Could not write the metrics file: {}", e.getMessage(), e);
		}
	}

	private void counts(RunSummary summary) {
		Gauge.builder("crosswalk.run.duration", summary::elapsedSeconds)
			.baseUnit("seconds")
			.description("the run's duration, first start to end")
			.register(registry);
		count("crosswalk.rows.read", "input rows read", summary.rowsRead());
		count("crosswalk.rows.accepted", "input rows accepted", summary.rowsAccepted());
		count("crosswalk.rows.rejected", "input rows rejected (rejected-rows.csv)", summary.rowsRejected());
		Map<String, Long> ids = new LinkedHashMap<>();
		ids.put("resolved", summary.idsResolved());
		ids.put("covered", summary.idsCovered());
		ids.put("fresh", summary.idsFresh());
		ids.put("blocked", summary.idsBlocked());
		ids.put("failed_auth", summary.idsFailedAuth());
		ids.put("rejected_by_graph", summary.idsRejectedByGraph());
		ids.put("unavailable", summary.idsUnavailable());
		ids.put("forgotten", summary.idsForgotten());
		ids.put("not_looked_up", summary.idsPending());
		ids.forEach((outcome, n) -> Counter.builder("crosswalk.ids")
			.description("distinct IDs of the run by outcome")
			.tag("outcome", outcome)
			.register(registry)
			.increment(n));
		count("crosswalk.merges", "person merges this run", summary.mergesThisRun());
		count("crosswalk.guard.violations", "merges refused by the merge guards", summary.guardViolations());
		gauge("crosswalk.persons", "persons in the identity table", summary.persons());
		gauge("crosswalk.identifiers", "identifiers in the identity table", summary.identifiers());
	}

	private void stepDuration(StepExecution step) {
		LocalDateTime start = step.getStartTime();
		LocalDateTime end = step.getEndTime();
		if (start == null || end == null) {
			return;
		}
		double seconds = Duration.between(start, end).toMillis() / 1000.0;
		Gauge.builder("crosswalk.step.duration", () -> seconds)
			.baseUnit("seconds")
			.description("how long each step of this execution took")
			.tag("step", step.getStepName())
			.register(registry);
	}

	private void count(String name, String description, long value) {
		Counter.builder(name).description(description).register(registry).increment(value);
	}

	private void gauge(String name, String description, double value) {
		Gauge.builder(name, () -> value).description(description).register(registry);
	}
}
