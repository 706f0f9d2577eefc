package com.crosswalk.config;

import java.util.ArrayList;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * One line for a setting Spring Boot could not bind or that breaks a constraint of {@link CrosswalkProperties}: the
 * property, the value as given, where it was given, and what is allowed.
 */
public final class InvalidSetting {

	private InvalidSetting() {
	}

	/** Every broken constraint: "crosswalk.graph.batch-size = 80 (command line): must be between 1 and 50". */
	public static String describe(BindValidationException invalid) {
		ValidationErrors errors = invalid.getValidationErrors();
		List<String> problems = new ArrayList<>();
		for (ObjectError error : errors) {
			// the cross-field checks (@AssertTrue) name their properties in the message
			if (error instanceof FieldError field && !"AssertTrue".equals(field.getCode())) {
				ConfigurationPropertyName name = errors.getName()
					.append(DataObjectPropertyName.toDashedForm(field.getField()));
				ConfigurationProperty given = errors.getBoundProperties()
					.stream()
					.filter(p -> p.getName().equals(name))
					.findFirst()
					.orElse(null);
				problems.add(given == null ? name + " = " + field.getRejectedValue() + ": " + field.getDefaultMessage()
						: describe(given) + ": " + field.getDefaultMessage());
			}
			else {
				problems.add(error.getDefaultMessage());
			}
		}
		problems.sort(null);
		return "invalid setting " + String.join("; ", problems);
	}

	/** A value that is not of the property's type: "crosswalk.graph.proof-mode = 'hmac' (command line): ...". */
	public static String describe(BindException bind, String cause) {
		ConfigurationProperty property = bind.getProperty();
		String what = property == null ? bind.getName().toString() : describe(property);
		Class<?> type = bind.getTarget().getType().resolve();
		if (type != null && type.isEnum()) {
			return "invalid setting " + what + ": must be one of " + Arrays.stream(type.getEnumConstants())
				.map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", "));
		}
		return "invalid setting " + what + ": " + expected(type, cause);
	}

	/** Spring's conversion messages name Java types; say what to write instead. */
	private static String expected(Class<?> type, String cause) {
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "must be a whole number";
		}
		if (type == Double.class || type == double.class) {
			return "must be a number, e.g. 0.9";
		}
		if (type == Duration.class) {
			return "must be a duration, e.g. 200ms, 5s, 15m, 48h or 7d";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "must be true or false";
		}
		return cause;
	}

	private static String describe(ConfigurationProperty property) {
		String name = property.getName().toString();
		String value = name.contains("password") || name.contains("secret") || name.contains("token") ? "***"
				: "'" + property.getValue() + "'";
		return name + " = " + value + " (" + SettingOrigin.describe(property.getOrigin(), null) + ")";
	}
}
