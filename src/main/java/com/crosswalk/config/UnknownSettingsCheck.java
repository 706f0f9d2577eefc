package com.crosswalk.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Refuses {@code crosswalk.*} names that no property has, from any source (command line, config/application.yml,
 * {@code --config FILE}, system properties, {@code CROSSWALK_*} environment variables), before anything starts: a
 * misspelt setting is otherwise ignored without a word and the job runs on the default. The message names each
 * unknown name, where it was given and the nearest valid name; exit code 2.
 * <p>
 * The valid names are {@link CrosswalkProperties}' record components (kebab-case, as Spring Boot binds them;
 * camelCase and snake_case spellings of them are valid too). Environment variables that are not properties and are
 * still Crosswalk's: {@code CROSSWALK_APP_<ID>_SECRET}, {@code CROSSWALK_APP_<ID>_TOKEN} and
 * {@code CROSSWALK_PAGE_<ID>_TOKEN} (credentials, read by the business-file loader) and {@code CROSSWALK_JAVA_OPTS}
 * (read by run.sh). Other programs' settings ({@code spring.*}, {@code logging.*}) are not checked here.
 */
public final class UnknownSettingsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	static final String PREFIX = "crosswalk";

	private static final Pattern CREDENTIAL_VARIABLE = Pattern
		.compile("CROSSWALK_(APP_(.+)_(SECRET|TOKEN)|PAGE_(.+)_TOKEN)");

	/** Nothing else is named CROSSWALK_APP_* or CROSSWALK_PAGE_*: a variable there is a misspelt credential. */
	private static final Pattern CREDENTIAL_NAMESPACE = Pattern.compile("CROSSWALK_(APP|PAGE)_(.+?)(_[A-Z]*)?");

	private static final Set<String> OTHER_VARIABLES = Set.of("CROSSWALK_JAVA_OPTS");

	private static final KnownNames KNOWN = KnownNames.of(CrosswalkProperties.class);

	/**
	 * After the configuration files are loaded and logging is set up (Spring Boot's own listeners come first):
	 * before that, a failure is logged with a stack trace past the logging settings.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		List<String> problems = new ArrayList<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (!(source instanceof EnumerablePropertySource<?> names)
					|| ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
				continue;
			}
			boolean variables = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName());
			for (String name : names.getPropertyNames()) {
				String problem = variables ? checkVariable(name) : checkProperty(name, source);
				if (problem != null) {
					problems.add(problem);
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new ConfigException(String.join("; ", problems)
					+ " All settings are listed in config/application.yml and docs/configuration.md.");
		}
	}

	static String checkProperty(String name, PropertySource<?> source) {
		String[] elements = name.split("\\.");
		if (!elements[0].toLowerCase(Locale.ROOT).equals(PREFIX) || KNOWN.contains(name)) {
			return null;
		}
		String where = SettingOrigin.describe(OriginLookup.getOrigin(source, name), source.getName());
		return "unknown setting " + name + " (" + where + "): did you mean " + KNOWN.nearest(name) + "?";
	}

	static String checkVariable(String name) {
		String upper = name.toUpperCase(Locale.ROOT);
		if (!upper.startsWith("CROSSWALK_") || OTHER_VARIABLES.contains(upper)) {
			return null;
		}
		if (CREDENTIAL_VARIABLE.matcher(upper).matches()) {
			return null;
		}
		Matcher credential = CREDENTIAL_NAMESPACE.matcher(upper);
		String nearest;
		if (credential.matches()) {
			String id = credential.group(2);
			nearest = NearestName.among(credential.group(1).equals("APP")
					? List.of("CROSSWALK_APP_" + id + "_SECRET", "CROSSWALK_APP_" + id + "_TOKEN")
					: List.of("CROSSWALK_PAGE_" + id + "_TOKEN"), upper);
		}
		else if (KNOWN.containsVariable(upper)) {
			return null;
		}
		else {
			nearest = NearestName.among(KNOWN.variables(), upper);
		}
		return "unknown environment variable " + name + ": did you mean " + nearest + "?";
	}

	/** The valid names, in the form a person writes them and in the form they are compared. */
	static final class KnownNames {

		/** Canonical form (lower case, no '-' or '_') of every property and group of properties. */
		private final Set<String> names = new LinkedHashSet<>();

		/** Canonical forms of list and map properties: anything below them is an element. */
		private final Set<String> containers = new TreeSet<>();

		private final Set<String> leaves = new TreeSet<>();

		static KnownNames of(Class<?> properties) {
			KnownNames known = new KnownNames();
			known.names.add(PREFIX);
			known.add(PREFIX, properties);
			return known;
		}

		private void add(String prefix, Class<?> record) {
			for (RecordComponent component : record.getRecordComponents()) {
				String name = prefix + "." + kebab(component.getName());
				names.add(canonical(name));
				Class<?> type = component.getType();
				if (type.isRecord()) {
					add(name, type);
				}
				else {
					leaves.add(name);
					if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
							|| isContainer(component.getGenericType())) {
						containers.add(canonical(name));
					}
				}
			}
		}

		private static boolean isContainer(Type type) {
			return type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw
					&& (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw));
		}

		/** A property, a group of properties, or an element of a list or map property. */
		boolean contains(String name) {
			String canonical = canonical(name.replaceAll("\\[[^\\]]*\\]", ".0"));
			if (names.contains(canonical)) {
				return true;
			}
			for (String container : containers) {
				if (canonical.startsWith(container + ".")) {
					return true;
				}
			}
			return false;
		}

		/** An environment variable that Spring Boot binds to a property (or to an element of a list property). */
		boolean containsVariable(String variable) {
			String flat = variable.toLowerCase(Locale.ROOT).replace("_", "");
			String withoutIndex = variable.toLowerCase(Locale.ROOT).replaceAll("(_[0-9]+)+$", "").replace("_", "");
			for (String canonical : names) {
				String joined = canonical.replace(".", "");
				if (joined.equals(flat) || (containers.contains(canonical) && joined.equals(withoutIndex))) {
					return true;
				}
			}
			return false;
		}

		String nearest(String name) {
			return NearestName.among(leaves, name);
		}

		/** Every property as the environment variable a person would write: CROSSWALK_LOOKUP_GROUP_SIZE. */
		List<String> variables() {
			return leaves.stream().map(n -> n.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')).toList();
		}

		private static String canonical(String name) {
			StringBuilder out = new StringBuilder();
			for (String element : name.split("\\.")) {
				if (!out.isEmpty()) {
					out.append('.');
				}
				out.append(element.toLowerCase(Locale.ROOT).replace("-", "").replace("_", ""));
			}
			return out.toString();
		}

		private static String kebab(String camel) {
			return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
		}
	}
}
