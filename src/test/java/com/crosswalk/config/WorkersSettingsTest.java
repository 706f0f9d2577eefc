package com.crosswalk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class WorkersSettingsTest {

	@Test
	void withoutCountOrBrokerThePartitionsRunInTheJobsJvmOnAnEmbeddedBrokersAddress() {
		CrosswalkProperties.Workers none = workers(0, "");

		assertThat(none.distributed()).isFalse();
		assertThat(workers(2, "").distributed()).isTrue();
		assertThat(workers(0, "tcp://broker:61616").distributed()).isTrue();
		assertThat(workers(2, "").effectiveBrokerUrl()).isEqualTo("tcp://localhost:61616");
	}

	@Test
	void aBrokerUrlIsLoggedWithoutItsUserOrParametersWhereAPasswordMayBe() {
		CrosswalkProperties.Workers workers = workers(0, "tcp://crosswalk:s3cret@broker:61616?user=u&password=s3cret");

		assertThat(workers.brokerForLogs()).isEqualTo("tcp://broker:61616").doesNotContain("s3cret");
	}

	@Test
	void theWorkersJvmOptionsAreSplitAtSpaces() {
		CrosswalkProperties.Workers workers = new CrosswalkProperties.Workers(2, "", 61616, 4, Duration.ofSeconds(60),
				0, "  -Xmx1g   -XX:+UseSerialGC ");

		assertThat(workers.jvmOptionList()).containsExactly("-Xmx1g", "-XX:+UseSerialGC");
		assertThat(workers(2, "").jvmOptionList()).isEmpty();
	}

	private static CrosswalkProperties.Workers workers(int count, String brokerUrl) {
		return new CrosswalkProperties.Workers(count, brokerUrl, 61616, 4, Duration.ofSeconds(60), 0, "");
	}
}
