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

	private static final Set<String> OPTIONS = Set.of("persons", "apps", "pages", "seed", "out", "bad-rows-share",
			"review-share");

	private GenerateCommand() {
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		GeneratorSpec spec;
		Path directory;
		try {
			Options parsed = Options.parseNamed(args, OPTIONS);
			if (parsed.help()) {
				out.print(USAGE);
				return 0;
			}
			parsed.required("persons");
			parsed.required("apps");
			parsed.required("pages");
			parsed.required("seed");
			directory = Path.of(parsed.required("out"));
			spec = new GeneratorSpec(parsed.integer("persons", 0, 1), parsed.integer("apps", 0, 1),
					parsed.integer("pages", 0, 0), parsed.longValue("seed", 0),
					parsed.share("bad-rows-share", GeneratorSpec.DEFAULT_BAD_ROWS_SHARE),
					parsed.share("review-share", GeneratorSpec.DEFAULT_REVIEW_SHARE));
		}
		catch (IllegalArgumentException ex) {
			err.println("generate: " + ex.getMessage());
			err.print(USAGE);
			return 2;
		}
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
