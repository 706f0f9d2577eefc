package com.crosswalk.config;

import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/** Where a setting was given, in the words a person uses: "command line", "config/application.yml line 31". */
final class SettingOrigin {

	private SettingOrigin() {
	}

	static String describe(Origin origin, String sourceName) {
		if (origin instanceof TextResourceOrigin text && text.getResource() != null) {
			String where = resource(text.getResource());
			return text.getLocation() == null ? where : where + " line " + (text.getLocation().getLine() + 1);
		}
		if (origin instanceof SystemEnvironmentOrigin variable) {
			return "environment variable " + variable.getProperty();
		}
		if (origin instanceof PropertySourceOrigin property) {
			return source(property.getPropertySource().getName());
		}
		if (origin != null && origin.getParent() != null) {
			return describe(origin.getParent(), sourceName);
		}
		return source(sourceName);
	}

	private static String resource(Resource resource) {
		if (resource instanceof ClassPathResource classPath) {
			return "built-in " + classPath.getPath();
		}
		try {
			return resource.getFile().toPath().normalize().toString();
		}
		catch (Exception notAFile) {
			return resource.getDescription();
		}
	}

	private static String source(String name) {
		if (name == null) {
			return "unknown source";
		}
		return switch (name) {
			case "commandLineArgs" -> "command line";
			case "systemProperties" -> "Java system property";
			case "systemEnvironment" -> "environment";
			default -> name;
		};
	}
}
