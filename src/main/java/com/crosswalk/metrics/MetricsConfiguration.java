package com.crosswalk.metrics;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.crosswalk.config.CrosswalkProperties;
import com.crosswalk.graph.GraphClient;
import com.crosswalk.report.RunReporter;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The run's meters. Spring Boot makes the Prometheus registry, binds every {@code MeterBinder} bean to it, hands it
 * to Spring Batch (job and step observations) and, when configured, pushes it to a Pushgateway.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	@Bean
	GraphClientMeters graphClientMeters(GraphClient graphClient) {
		return new GraphClientMeters(graphClient);
	}

	@Bean
	RunMetrics runMetrics(PrometheusMeterRegistry registry, RunReporter reporter, CrosswalkProperties properties,
			Clock clock) {
		return new RunMetrics(registry, reporter, properties.outputDir(), clock);
	}
}
