package com.crosswalk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class UnknownSettingsCheckTest {

	private static final PropertySource<?> SOURCE = new MapPropertySource("commandLineArgs", Map.of());

	@Test
	void everyPropertyInAnySpellingSpringBootBindsIsKnown() {
		for (String name : List.of("crosswalk.input.delimiter", "crosswalk.lookup.group-size",
				"crosswalk.lookup.groupSize", "crosswalk.lookup.group_size", "crosswalk.graph.profile-fields[0]",
				"crosswalk.graph.target-apps", "crosswalk.input.jdbc", "crosswalk.run-lock.stale-after", "crosswalk",
				"spring.datasource.url", "crosswalkish.thing")) {
			assertThat(UnknownSettingsCheck.checkProperty(name, SOURCE)).as(name).isNull();
		}
	}

	@Test
	void anUnknownPropertyNamesTheNearestOne() {
		assertThat(UnknownSettingsCheck.checkProperty("crosswalk.input.csv.delimiter", SOURCE))
			.isEqualTo("unknown setting crosswalk.input.csv.delimiter (command line): did you mean"
					+ " crosswalk.input.delimiter?");
		assertThat(UnknownSettingsCheck.checkProperty("crosswalk.graph.retry-max-atempts", SOURCE))
			.contains("did you mean crosswalk.graph.retry-max-attempts?");
		assertThat(UnknownSettingsCheck.checkProperty("crosswalk.lookup.group-size.max", SOURCE))
			.as("below a property that is not a list").contains("did you mean crosswalk.lookup.group-size?");
	}

	/** Crosswalk's own variables that are not properties are left alone; everything else CROSSWALK_* is checked. */
	@Test
	void environmentVariables() {
		for (String ok : List.of("CROSSWALK_INPUT_DELIMITER", "CROSSWALK_LOOKUP_GROUP_SIZE", "CROSSWALK_LOOKUP_GROUPSIZE",
				"CROSSWALK_GRAPH_TARGET_APPS_0", "CROSSWALK_INPUT_JDBC_PASSWORD", "CROSSWALK_JAVA_OPTS",
				"CROSSWALK_APP_318442097155820_SECRET", "CROSSWALK_APP_318442097155820_TOKEN",
				"CROSSWALK_PAGE_104728359102847_TOKEN", "PATH", "SPRING_DATASOURCE_PASSWORD")) {
			assertThat(UnknownSettingsCheck.checkVariable(ok)).as(ok).isNull();
		}
		assertThat(UnknownSettingsCheck.checkVariable("CROSSWALK_INPUT_DELIMTER"))
			.isEqualTo("unknown environment variable CROSSWALK_INPUT_DELIMTER: did you mean CROSSWALK_INPUT_DELIMITER?");
		assertThat(UnknownSettingsCheck.checkVariable("CROSSWALK_APP_318442097155820_SECRT"))
			.contains("did you mean CROSSWALK_APP_318442097155820_SECRET?");
		assertThat(UnknownSettingsCheck.checkVariable("CROSSWALK_PAGE_104728359102847_TOKN"))
			.contains("did you mean CROSSWALK_PAGE_104728359102847_TOKEN?");
	}

	/** The metadata IDEs complete names from (written by the configuration processor) lists the same properties. */
	@Test
	void theIdeMetadataListsEveryPropertyTheCheckKnows() throws Exception {
		JsonNode metadata;
		try (InputStream in = getClass().getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("written by spring-boot-configuration-processor at compile time").isNotNull();
			metadata = JsonMapper.builder().build().readTree(in);
		}
		List<String> names = new ArrayList<>();
		metadata.get("properties").forEach(p -> names.add(p.get("name").asString()));
		UnknownSettingsCheck.KnownNames known = UnknownSettingsCheck.KnownNames.of(CrosswalkProperties.class);

		assertThat(names).allSatisfy(name -> assertThat(known.contains(name)).as(name).isTrue())
			.hasSameSizeAs(known.variables())
			.contains("crosswalk.input.delimiter", "crosswalk.graph.retry-max-attempts");
	}

	@Test
	void nearestNameCountsASwapAsOneEdit() {
		assertThat(NearestName.distance("delimtier", "delimiter")).isEqualTo(1);
		assertThat(NearestName.among(List.of("input", "delimiter", "layout"), "dealimiter")).isEqualTo("delimiter");
	}
}
