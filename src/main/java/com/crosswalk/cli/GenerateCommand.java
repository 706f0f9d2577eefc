package com.crosswalk.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;

import com.crosswalk.emulator.GeneratorSpec;
import com.crosswalk.emulator.PopulationGenerator;

/** {@code generate --persons N --apps A --pages P --seed S --out DIR}: writes a synthetic population. */
public final class GenerateCommand {

	static final String USAGE = """
			Usage: generate --persons N --apps A --pages P --seed S --out DIR [options]
			Writes DIR/fixture.json (for the emulator), DIR/business.json (credentials) and DIR/input.csv.
			  --persons N           persons to create                                    required
			  --apps A              apps of the business                                 required
			  --pages P             Pages of the business                                required
			  --seed S              seed; the same seed writes the same bytes            required
			  --out DIR             output directory (created if missing)                required
			  --bad-rows-share X    share of bad input rows, in [0, 1)                   default 0.01
			  --review-share X      share of IDs in the app under review, in [0, 1)      default 0.05
			""";

	private static final Options.Grammar GRAMMAR = Options.Grammar.of("generate", Set.of("persons", "apps", "pages", "seed", "out", "bad-rows-share",
			"review-share")).withoutSettings();

	private GenerateCommand() {
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		record Request(GeneratorSpec spec, Path directory) {
		}
		Options.Parsed<Request> parsed = Options.read(args, GRAMMAR, USAGE, out, err, options -> {
			options.required("persons");
			options.required("apps");
			options.required("pages");
			options.required("seed");
			Path directory = Path.of(options.required("out"));
			return new Request(new GeneratorSpec(options.integer("persons", 0, 1), options.integer("apps", 0, 1),
					options.integer("pages", 0, 0), options.longValue("seed", 0),
					options.share("bad-rows-share", GeneratorSpec.DEFAULT_BAD_ROWS_SHARE),
					options.share("review-share", GeneratorSpec.DEFAULT_REVIEW_SHARE)), directory);
		});
		if (parsed.stop()) {
			return parsed.exitCode();
		}
		GeneratorSpec spec = parsed.value().spec();
		Path directory = parsed.value().directory();
		try {
			long start = System.nanoTime();
			PopulationGenerator.Summary summary = PopulationGenerator.generate(spec, directory);
			out.printf("Wrote %,d persons (%,d scoped IDs) and %,d input rows (%,d bad) for business %s into %s in %.1f s%n",
					summary.persons(), summary.scopedIds(), summary.inputRows(), summary.badRows(),
					summary.businessId(), directory, (System.nanoTime() - start) / 1e9);
			return 0;
		}
		catch (UncheckedIOException ex) {
			err.println("generate: " + ex.getMessage());
			return 1;
		}
	}
}
