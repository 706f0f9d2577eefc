package com.crosswalk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The /proc readers the bench's CPU figures come from (the bench runs on Linux, as does the build). */
class CpuTimesTest {

	@Test
	void aChildsWholeCpuIsCreditedToThisJvmWhenItIsReaped() throws Exception {
		Double before = CpuTimes.reapedChildren();
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-version").redirectErrorStream(true).start();
		child.getInputStream().readAllBytes();
		child.waitFor();

		// a JVM start is tens of milliseconds of CPU at least: several of the kernel's 10 ms ticks
		assertThat(CpuTimes.reapedChildren() - before).isPositive();
	}

	@Test
	void aProcessTreeCountsTheProcessItself() {
		long self = ProcessHandle.current().pid();
		assertThat(CpuTimes.processTree(self)).isPositive();
		assertThat(CpuTimes.processTree(Long.MAX_VALUE)).as("no such process").isNull();
	}

	@Test
	void theParentOfAProcessIsFoundOnlyUnderItsCommandName() {
		long self = ProcessHandle.current().pid();
		long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
		assertThat(CpuTimes.parent(self, null)).isEqualTo(parent);
		assertThat(CpuTimes.parent(self, "postgres")).isEqualTo(-1);
	}

	@Test
	void theMachinesCpuAndLoadAreRead() {
		assertThat(CpuTimes.machineBusy()).isPositive();
		assertThat(LoadAverage.now()).isNotNull();
	}
}
