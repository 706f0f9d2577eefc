package com.crosswalk.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} / {@code --name=value} options of one command, checked against the names it knows. Bad input
 * throws {@link IllegalArgumentException} with a message meant for the user.
 */
final class CommandLineArgs {

	private final Map<String, String> values = new HashMap<>();

	private final boolean help;

	private CommandLineArgs(boolean help) {
		this.help = help;
	}

	static CommandLineArgs parse(String[] args, Set<String> known) {
		boolean help = false;
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--help") || arg.equals("-h")) {
				help = true;
				continue;
			}
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument: " + arg);
			}
			String name = arg.substring(2);
			String value;
			int eq = name.indexOf('=');
			if (eq >= 0) {
				value = name.substring(eq + 1);
				name = name.substring(0, eq);
			}
			else if (i + 1 < args.length) {
				value = args[++i];
			}
			else {
				throw new IllegalArgumentException("--" + name + " needs a value");
			}
			if (!known.contains(name)) {
				throw new IllegalArgumentException("unknown option --" + name);
			}
			values.put(name, value);
		}
		CommandLineArgs parsed = new CommandLineArgs(help);
		parsed.values.putAll(values);
		return parsed;
	}

	boolean help() {
		return help;
	}

	String required(String name) {
		String value = values.get(name);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return value;
	}

	String text(String name, String fallback) {
		return values.getOrDefault(name, fallback);
	}

	int integer(String name, int fallback, int min) {
		String value = values.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			int parsed = Integer.parseInt(value.trim());
			if (parsed < min) {
				throw new IllegalArgumentException("--" + name + " must be at least " + min + ", was " + value);
			}
			return parsed;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a whole number, was " + value);
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
			throw new IllegalArgumentException("--" + name + " must be a whole number, was " + value);
		}
	}

	double share(String name, double fallback) {
		String value = values.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			double parsed = Double.parseDouble(value.trim());
			if (!(parsed >= 0 && parsed < 1)) {
				throw new IllegalArgumentException("--" + name + " must be in [0, 1), was " + value);
			}
			return parsed;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a number, was " + value);
		}
	}
}
