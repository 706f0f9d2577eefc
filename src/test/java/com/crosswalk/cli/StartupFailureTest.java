package com.crosswalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A heap too small ends with one line naming the setting to change, and exit code 1 (retrying resumes). */
class StartupFailureTest {

	@Test
	void outOfMemoryNamesTheHeapSettingInOneLine() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		// as a step reports it: the error inside whatever the step wrapped it in
		Throwable failure = new IllegalStateException("lane failed", new OutOfMemoryError("Java heap space"));

		int exit = StartupFailure.report(failure, new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(exit).isEqualTo(ExitCode.FAILED);
		assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
			.startsWith("crosswalk: out of memory (Java heap space")
			.contains("CROSSWALK_JAVA_OPTS=-Xmx", "run the same command again");
		assertThat(StartupFailure.isExpected(failure)).as("reported as one line when a job fails with it").isTrue();
	}

	@Test
	void outOfMemoryInAStepNamesTheStep() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		StartupFailure.report(new OutOfMemoryError("Java heap space"), "the mergeStep step",
				new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(err.toString(StandardCharsets.UTF_8))
			.startsWith("crosswalk: out of memory in the mergeStep step (Java heap space, heap ")
			.contains("CROSSWALK_JAVA_OPTS=-Xmx");
	}
}
