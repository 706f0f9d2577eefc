package com.crosswalk.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ConfigurableApplicationContext;

import com.crosswalk.config.CrosswalkProperties;
import com.crosswalk.identity.PersonEraser;
import com.crosswalk.identity.PersonEraser.Erasure;
import com.crosswalk.job.RunLock;
import com.crosswalk.job.RunLocks;
import com.crosswalk.report.CsvExports;
import com.crosswalk.report.ReportRedactor;

/** {@code ./run.sh forget}: a privacy deletion request for one person. */
final class ForgetCommand {

	static final String HELP = """
			Usage: ./run.sh forget (--scoped-id ID | --customer-id KEY) [--db-url URL] [--db-user USER] [--out DIR]

			A privacy deletion request. Removes every identifier of the person holding this PSID/ASID (in any scope)
			or CRM customer key from Crosswalk's tables (identity, links, blocked, failed auth, staging, rejects,
			merge log, guard violations), rewrites the exports in --out (identities.csv, blocked-pending-review.csv,
			failed-auth.csv, rejected-rows.csv, merge-log.csv) and replaces the identifiers in report.html/report.md
			and in the run logs there (crosswalk.log, its rolled parts, the workers' logs under workers/) by
			[forgotten]. Each identifier leaves a tombstone (a SHA-256 hash, not the value), so later runs do not add
			it back from input rows or Graph answers. This command logs counts only, never the deleted values.
			Exit codes: 0 deleted, 1 failed (nothing is deleted: the deletion is one transaction), 2 bad usage,
			4 nothing matched.
			""";

	static final int NOTHING_MATCHED = 4;

	private ForgetCommand() {
	}

	private static final Options.Grammar GRAMMAR = Options.Grammar.of("forget",
			Set.of("scoped-id", "customer-id", "db-url", "db-user", "out"));

	static int run(String[] args, PrintStream out, PrintStream err) {
		Options.Parsed<Options> parsed = Options.read(args, GRAMMAR, HELP, out, err, o -> {
			if (o.has("scoped-id") == o.has("customer-id")) {
				throw new Options.UsageException("Give exactly one of --scoped-id or --customer-id");
			}
			return o;
		});
		if (parsed.stop()) {
			return parsed.exitCode();
		}
		Options options = parsed.value();
		Map<String, String> props = ReconcileCommand.properties(options);
		props.put("spring.main.lazy-initialization", "true");
		try (ConfigurableApplicationContext context = AppContext.start(props);
				// a run in progress would write the forgotten identifiers back from the answers it already holds
				RunLock lock = context.getBean(RunLocks.class).acquire()) {
			PersonEraser eraser = context.getBean(PersonEraser.class);
			Erasure erasure = options.has("scoped-id") ? eraser.forgetScopedId(options.get("scoped-id"))
					: eraser.forgetCustomer(options.get("customer-id"));
			if (erasure.identifiers() == 0) {
				out.println("No identifier matched; nothing was deleted.");
				return NOTHING_MATCHED;
			}
			Path outDir = context.getBean(CrosswalkProperties.class).outputDir();
			context.getBean(CsvExports.class).rewriteAll(outDir);
			new ReportRedactor(outDir).redact(erasure.keys());
			out.printf("Forgot %d person(s): %d identifier(s) deleted and tombstoned; the exports in %s rewritten.%n",
					erasure.persons(), erasure.identifiers(), outDir);
			return ExitCode.OK;
		}
		catch (Exception e) {
			return StartupFailure.report(e, err);
		}
	}
}
