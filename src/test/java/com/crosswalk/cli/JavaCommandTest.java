package com.crosswalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaCommandTest {

	@TempDir
	Path tmp;

	private final String classPath = System.getProperty("java.class.path");

	@AfterEach
	void restoreClassPath() {
		System.setProperty("java.class.path", classPath);
	}

	@Test
	void anotherJvmStartsFromTheUnpackedJarOfRunSh() throws IOException {
		// what `java -Djarmode=tools -jar crosswalk.jar extract` writes: Main-Class and a Class-Path to lib/
		Path unpacked = jar("app/crosswalk.jar", "com.crosswalk.cli.Main");
		System.setProperty("java.class.path", unpacked.toString());

		assertThat(JavaCommand.launcher()).containsExactly("-jar", unpacked.toAbsolutePath().toString());
	}

	@Test
	void aJarWithoutAMainClassIsAClassPath() throws IOException {
		Path library = jar("lib/some.jar", null);
		System.setProperty("java.class.path", library.toString());

		assertThat(JavaCommand.launcher()).isEqualTo(List.of("-cp", library.toAbsolutePath().toString(),
				"com.crosswalk.cli.Main"));
	}

	@Test
	void aJarThatStartsAnotherProgramIsAClassPath() throws IOException {
		// Maven's test JVM: its class path is a jar that starts Surefire's booter and names the others
		Path booter = jar("surefire/surefirebooter.jar", "org.apache.maven.surefire.booter.ForkedBooter");
		System.setProperty("java.class.path", booter.toString());

		assertThat(JavaCommand.launcher()).isEqualTo(List.of("-cp", booter.toAbsolutePath().toString(),
				"com.crosswalk.cli.Main"));
	}

	@Test
	void anotherJvmStartsWithTheOptionsOfRunShAndNothingElseOfThisJvm() {
		List<String> bench = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off",
				"-XX:SharedArchiveFile=/opt/crosswalk/target/app/crosswalk.jsa", "-XX:Tier4InvocationThreshold=20000",
				"-XX:Tier4BackEdgeThreshold=160000", "-Xmx2g", "-Dfoo=bar", "-XX:+UseParallelGC");

		assertThat(JavaCommand.launcherOptions(bench)).containsExactly("-Xlog:cds=off", "-Xlog:cds+dynamic=off",
				"-XX:SharedArchiveFile=/opt/crosswalk/target/app/crosswalk.jsa", "-XX:Tier4InvocationThreshold=20000",
				"-XX:Tier4BackEdgeThreshold=160000");
	}

	private Path jar(String name, String mainClass) throws IOException {
		Path file = tmp.resolve(name);
		Files.createDirectories(file.getParent());
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		if (mainClass != null) {
			manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
		}
		try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
			jar.flush();
		}
		return file;
	}
}
