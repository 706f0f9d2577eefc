package com.crosswalk.cli;

import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.crosswalk.CrosswalkApplication;

/** Starts the Spring application (database, migrations, Graph client) for the commands that need it. */
final class AppContext {

	private AppContext() {
	}

	static ConfigurableApplicationContext start(Map<String, String> properties) {
		// As command-line arguments, so they win over config/application.yml and the environment.
		String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
		return new SpringApplicationBuilder(CrosswalkApplication.class).logStartupInfo(false).run(args);
	}
}
