package com.crosswalk.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of one command: {@code --name value}, {@code --name=value} and bare flags. Options outside
 * the command's list are refused with a message, except Spring-style properties ({@code --crosswalk.x=y},
 * {@code --spring.x=y}), which pass through to the job's configuration.
 */
final class Options {

	private final Map<String, String> values = new LinkedHashMap<>();

	private final Map<String, String> properties = new LinkedHashMap<>();

	private final List<String> positional = new ArrayList<>();

	private Options() {
	}

	/**
	 * @param withValue options that take a value
	 * @param flags options that take none
	 */
	static Options parse(String[] args, Set<String> withValue, Set<String> flags) {
		Options options = new Options();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				options.positional.add(arg);
				continue;
			}
			String name = arg.substring(2);
			String value = null;
			int eq = name.indexOf('=');
			if (eq >= 0) {
				value = name.substring(eq + 1);
				name = name.substring(0, eq);
			}
			if (name.startsWith("crosswalk.") || name.startsWith("spring.") || name.startsWith("logging.")) {
				if (value == null) {
					throw new UsageException("--" + name + " needs a value: --" + name + "=VALUE");
				}
				options.properties.put(name, value);
			}
			else if (flags.contains(name)) {
				options.values.put(name, value == null ? "true" : value);
			}
			else if (withValue.contains(name)) {
				if (value == null) {
					if (i + 1 >= args.length) {
						throw new UsageException("--" + name + " needs a value");
					}
					value = args[++i];
				}
				options.values.put(name, value);
			}
			else {
				throw new UsageException("Unknown option --" + name);
			}
		}
		return options;
	}

	boolean has(String name) {
		return values.containsKey(name);
	}

	String get(String name) {
		return values.get(name);
	}

	String get(String name, String fallback) {
		return values.getOrDefault(name, fallback);
	}

	List<String> positional() {
		return positional;
	}

	/** Spring-style properties given on the command line. */
	Map<String, String> properties() {
		return properties;
	}

	/** A command line the user got wrong; the message says how. Exit code 2. */
	static final class UsageException extends RuntimeException {

		UsageException(String message) {
			super(message);
		}
	}
}
