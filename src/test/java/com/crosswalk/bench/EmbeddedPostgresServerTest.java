package com.crosswalk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddedPostgresServerTest {

	private static final long GB = 1024L * 1024 * 1024;

	@Test
	void sharedBuffersAreTwoGigabytesOrAQuarterOfASmallerMachine() {
		assertThat(EmbeddedPostgresServer.sharedBuffersMb(64 * GB)).isEqualTo(2048);
		assertThat(EmbeddedPostgresServer.sharedBuffersMb(8 * GB)).isEqualTo(2048);
		assertThat(EmbeddedPostgresServer.sharedBuffersMb(4 * GB)).isEqualTo(1024);
	}
}
