package com.crosswalk.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.crosswalk.cli.GenerateCommand;
import com.crosswalk.emulator.Fixture;

/** A synthetic population written by the generator: fixture, business file and input CSV, plus the loaded fixture. */
public record Population(Path dir, Fixture fixture) {

	public static Population generate(Path dir, int persons, int apps, int pages, long seed, String... extra) {
		String[] base = { "--persons", Integer.toString(persons), "--apps", Integer.toString(apps), "--pages",
				Integer.toString(pages), "--seed", Long.toString(seed), "--out", dir.toString() };
		String[] args = new String[base.length + extra.length];
		System.arraycopy(base, 0, args, 0, base.length);
		System.arraycopy(extra, 0, args, base.length, extra.length);
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = GenerateCommand.run(args, new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		if (code != 0) {
			throw new IllegalStateException("generate failed (" + code + "): " + err.toString(StandardCharsets.UTF_8));
		}
		return new Population(dir, Fixture.load(dir.resolve("fixture.json")));
	}

	public Path fixtureFile() {
		return dir.resolve("fixture.json");
	}

	public Path businessFile() {
		return dir.resolve("business.json");
	}

	public Path input() {
		return dir.resolve("input.csv");
	}
}
