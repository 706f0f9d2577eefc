package com.crosswalk.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of one command: {@code --name value}, {@code --name=value} and bare flags. Options outside
 * the command's list are refused with a message, except Spring-style properties ({@code --crosswalk.x=y},
 * {@code --spring.x=y}), which pass through to the job's configuration. Every command parses its arguments here;
 * mistakes throw {@link UsageException} with a message for the user (exit code 2).
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
			if (arg.equals("-h") && flags.contains("help")) {
				options.values.put("help", "true");
				continue;
			}
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
				throw new UsageException("unknown option --" + name);
			}
		}
		return options;
	}

	/** Only {@code --name value} options (and --help): for commands that take no positional argument. */
	static Options parseNamed(String[] args, Set<String> withValue) {
		Options options = parse(args, withValue, Set.of("help"));
		if (!options.positional.isEmpty()) {
			throw new UsageException("unexpected argument: " + options.positional.get(0));
		}
		return options;
	}

	boolean help() {
		return has("help");
	}

	String required(String name) {
		String value = values.get(name);
		if (value == null || value.isBlank()) {
			throw new UsageException("--" + name + " is required");
		}
		return value;
	}

	int integer(String name, int fallback, int min) {
		String value = values.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			int parsed = Integer.parseInt(value.trim());
			if (parsed < min) {
				throw new UsageException("--" + name + " must be at least " + min + ", was " + value);
			}
			return parsed;
		}
		catch (NumberFormatException ex) {
			throw new UsageException("--" + name + " must be a whole number, was " + value);
		}
	}

	long longValue(String name, long fallback) {
		String value = values.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new UsageException("--" + name + " must be a whole number, was " + value);
		}
	}

	/** A share in [0, 1). */
	double share(String name, double fallback) {
		String value = values.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			double parsed = Double.parseDouble(value.trim());
			if (!(parsed >= 0 && parsed < 1)) {
				throw new UsageException("--" + name + " must be in [0, 1), was " + value);
			}
			return parsed;
		}
		catch (NumberFormatException ex) {
			throw new UsageException("--" + name + " must be a number, was " + value);
		}
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
	static final class UsageException extends IllegalArgumentException {

		UsageException(String message) {
			super(message);
		}
	}
}
