package com.crosswalk.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * How to start this program's {@link Main} in another JVM the way this one was started: the bench's job runs and a
 * manager's local workers.
 */
public final class JavaCommand {

	private JavaCommand() {
	}

	/** {@code java}, the JVM options given, run.sh's options and the launcher, up to the command's name. */
	public static List<String> of(List<String> jvmOptions) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(launcherOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
		command.addAll(launcher());
		return command;
	}

	/**
	 * The options run.sh starts every command with, taken from this JVM's: the class-data-sharing archive (made once
	 * per build) with its logging off, and the C2 compiler's thresholds. Another JVM starts the way a user's run of
	 * the same build starts; this JVM's heap and other options stay behind.
	 */
	static List<String> launcherOptions(List<String> jvmArguments) {
		return jvmArguments.stream()
			.filter(argument -> argument.startsWith("-XX:SharedArchiveFile=") || argument.startsWith("-Xlog:cds")
					|| argument.startsWith("-XX:Tier4"))
			.toList();
	}

	/**
	 * How to start {@code cli.Main} the way this JVM was started: {@code -jar} for a jar that starts it (the Spring
	 * Boot jar, or the one run.sh unpacks into target/app), else this JVM's class path (an IDE, Maven, a test JVM whose
	 * class path is a jar that only names others).
	 */
	static List<String> launcher() {
		String classPath = System.getProperty("java.class.path");
		if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
			try (JarFile jar = new JarFile(classPath)) {
				if (jar.getManifest() != null && startsMain(jar.getManifest().getMainAttributes())) {
					return List.of("-jar", Path.of(classPath).toAbsolutePath().toString());
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		// absolute, since the other JVM may run in a directory of its own
		String absolute = Arrays.stream(classPath.split(File.pathSeparator))
			.map(entry -> Path.of(entry).toAbsolutePath().toString())
			.collect(Collectors.joining(File.pathSeparator));
		return List.of("-cp", absolute, Main.class.getName());
	}

	/** The jar's main class is {@link Main}, or a Spring Boot launcher that starts it. */
	private static boolean startsMain(Attributes manifest) {
		return Main.class.getName().equals(manifest.getValue("Main-Class"))
				|| Main.class.getName().equals(manifest.getValue("Start-Class"));
	}
}
