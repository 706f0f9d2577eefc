package com.crosswalk.bench.jmh;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the Crosswalk JMH benchmarks with short defaults (2 warmup and 3 measurement iterations, 1 fork); any JMH
 * command-line option overrides them, and a benchmark name pattern selects some, e.g.
 * {@code JmhMain -i 5 CsvParsing}. See docs/benchmarks-jmh.md for the command.
 */
public final class JmhMain {

	private JmhMain() {
	}

	public static void main(String[] args) throws RunnerException, CommandLineOptionException {
		CommandLineOptions command = new CommandLineOptions(args);
		ChainedOptionsBuilder options = new OptionsBuilder().parent(command);
		if (command.getIncludes().isEmpty()) {
			options.include(JmhMain.class.getPackageName().replace(".", "\\.") + "\\..*Benchmark");
		}
		if (!command.getWarmupIterations().hasValue()) {
			options.warmupIterations(2);
		}
		if (!command.getWarmupTime().hasValue()) {
			options.warmupTime(TimeValue.seconds(2));
		}
		if (!command.getMeasurementIterations().hasValue()) {
			options.measurementIterations(3);
		}
		if (!command.getMeasurementTime().hasValue()) {
			options.measurementTime(TimeValue.seconds(3));
		}
		if (!command.getForkCount().hasValue()) {
			options.forks(1);
		}
		new Runner(options.build()).run();
	}
}
