package com.crosswalk.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.crosswalk.CrosswalkApplication;

/** Starts the Spring application (database, migrations, Graph client) for the commands that need it. */
final class AppContext {

	private AppContext() {
	}

	static ConfigurableApplicationContext start(Map<String, String> properties) {
		Map<String, Object> props = new LinkedHashMap<>(properties);
		String url = properties.getOrDefault("spring.datasource.url", "");
		if (url.startsWith("jdbc:postgresql:") && !properties.containsKey("crosswalk.database")) {
			props.put("crosswalk.database", "postgresql");
		}
		// As command-line arguments, so they win over config/application.yml and the environment.
		String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
		return new SpringApplicationBuilder(CrosswalkApplication.class).logStartupInfo(false).run(args);
	}
}
