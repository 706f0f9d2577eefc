package com.crosswalk.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.crosswalk.sql.Database;

class ImportChunkSizeTest {

	@Test
	void unsetItDependsOnTheDatabase() {
		CrosswalkProperties.Input unset = input(null);

		assertThat(unset.chunkSize(Database.POSTGRESQL)).isEqualTo(5_000);
		assertThat(unset.chunkSize(Database.H2)).isEqualTo(1_000);
	}

	@Test
	void setItIsWhatWasSetOnEveryDatabase() {
		CrosswalkProperties.Input set = input(250);

		assertThat(set.chunkSize(Database.POSTGRESQL)).isEqualTo(250);
		assertThat(set.chunkSize(Database.H2)).isEqualTo(250);
	}

	private static CrosswalkProperties.Input input(Integer chunkSize) {
		return new CrosswalkProperties.Input(null, ",", "long", "customer_id", null, null, chunkSize);
	}
}
