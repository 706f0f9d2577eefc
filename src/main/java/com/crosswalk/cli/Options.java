package com.crosswalk.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import com.crosswalk.config.NearestName;

/**
 * Command-line options of one command: {@code --name value}, {@code --name=value} and bare flags. Options outside
 * the command's list are refused with a message naming the nearest one, except Spring-style settings
 * ({@code --crosswalk.x=y}, {@code --spring.x=y}), which pass through to the job's configuration (where unknown
 * {@code crosswalk.*} names are refused: config.UnknownSettingsCheck) for the commands that start it, and are
 * refused by the others. Every command parses its arguments here;
 * mistakes throw {@link UsageException} with a message for the user (exit code 2).
 */
final class Options {

	private final Map<String, String> values = new LinkedHashMap<>();

	private final Map<String, String> properties = new LinkedHashMap<>();

	private final List<String> positional = new ArrayList<>();

	private Options() {
	}

	/**
	 * Reads a command's arguments into what the command needs. {@code --help} prints the help (the caller returns
	 * exit code 0); a usage mistake, or an {@link IllegalArgumentException} from {@code reader}, prints the message and
	 * the help (exit code 2).
	 */
	static <T> Parsed<T> read(String[] args, Grammar grammar, String help, PrintStream out, PrintStream err,
			Function<Options, T> reader) {
		try {
			Options options = parse(args, grammar);
			if (options.help()) {
				out.print(help);
				return new Parsed<>(null, ExitCode.OK);
			}
			return new Parsed<>(reader.apply(options), null);
		}
		catch (IllegalArgumentException e) {
			err.println(grammar.command() + ": " + e.getMessage());
			err.print(help);
			return new Parsed<>(null, ExitCode.BAD_CONFIGURATION);
		}
	}

	static Options parse(String[] args, Grammar grammar) {
		Set<String> withValue = grammar.withValue();
		Set<String> flags = grammar.flags();
		Options options = new Options();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("-h") && flags.contains("help")) {
				options.values.put("help", "true");
				continue;
			}
			if (!arg.startsWith("--")) {
				if (!grammar.takesArguments()) {
					throw new UsageException("unexpected argument: " + arg);
				}
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
			if (name.startsWith("crosswalk.") || name.startsWith("spring.") || name.startsWith("logging.")
					|| name.startsWith("management.")) {
				if (!grammar.takesSettings()) {
					throw new UsageException("--" + name + ": the " + grammar.command() + " command takes no settings"
							+ " (--crosswalk.*, --spring.*, --logging.*, --management.* configure the reconcile job)");
				}
				if (value == null) {
					throw new UsageException("--" + name + " needs a value: --" + name + "=VALUE");
				}
				options.properties.put(name, value);
			}
			else if (flags.contains(name)) {
				if (value == null && grammar.optionalValues().contains(name) && i + 1 < args.length
						&& !args[i + 1].startsWith("-")) {
					value = args[++i];
				}
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
				throw new UsageException(unknownOption(name, grammar));
			}
		}
		return options;
	}

	private static String unknownOption(String name, Grammar grammar) {
		Set<String> known = new TreeSet<>(grammar.withValue());
		known.addAll(grammar.flags());
		return "unknown option --" + name + "; did you mean --" + NearestName.among(known, name) + "?";
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

	/**
	 * What a command accepts: options with a value, bare flags ({@code --help} always), flags that may be followed by
	 * a value ({@code --recheck-blocked [IDS]}), positional arguments or not, settings ({@code --crosswalk.*}) or not.
	 */
	record Grammar(String command, Set<String> withValue, Set<String> flags, Set<String> optionalValues,
			boolean takesArguments, boolean takesSettings) {

		static Grammar of(String command, Set<String> withValue, String... flags) {
			Set<String> all = new HashSet<>(Arrays.asList(flags));
			all.add("help");
			return new Grammar(command, Set.copyOf(withValue), Set.copyOf(all), Set.of(), false, true);
		}

		Grammar withArguments() {
			return new Grammar(command, withValue, flags, optionalValues, true, takesSettings);
		}

		/** For the commands that do not start the job's configuration: a setting given to them would be ignored. */
		Grammar withoutSettings() {
			return new Grammar(command, withValue, flags, optionalValues, takesArguments, false);
		}

		/** A flag that takes the next argument as its value unless that is another option. */
		Grammar withOptionalValue(String flag) {
			Set<String> allFlags = new HashSet<>(flags);
			allFlags.add(flag);
			Set<String> optional = new HashSet<>(optionalValues);
			optional.add(flag);
			return new Grammar(command, withValue, Set.copyOf(allFlags), Set.copyOf(optional), takesArguments,
					takesSettings);
		}
	}

	/** The options read into what the command needs, or the exit code to return at once (help, a usage mistake). */
	record Parsed<T>(T value, Integer exitCode) {

		boolean stop() {
			return exitCode != null;
		}
	}

	/** A command line the user got wrong; the message says how. Exit code 2. */
	static final class UsageException extends IllegalArgumentException {

		UsageException(String message) {
			super(message);
		}
	}
}
