package com.crosswalk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

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

	/** Spring Boot reads config/application.yml from the working directory: a value there would undo the above. */
	@Test
	void theShippedConfigurationLeavesItToTheDatabase() throws IOException {
		List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("shipped",
				new FileSystemResource("config/application.yml"));
		Binder binder = new Binder(ConfigurationPropertySources.from(sources));

		CrosswalkProperties shipped = binder.bind("crosswalk", CrosswalkProperties.class).get();

		assertThat(shipped.input().chunkSize(Database.POSTGRESQL)).isEqualTo(5_000);
		assertThat(shipped.input().chunkSize(Database.H2)).isEqualTo(1_000);
	}

	private static CrosswalkProperties.Input input(Integer chunkSize) {
		return new CrosswalkProperties.Input(null, ",", "long", "customer_id", null, null, chunkSize);
	}
}
