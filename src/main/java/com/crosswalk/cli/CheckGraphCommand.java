package com.crosswalk.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.crosswalk.graph.BusinessCredentials;
import com.crosswalk.graph.BusinessCredentialsLoader;
import com.crosswalk.graph.ContractCheck;
import com.crosswalk.graph.CredentialReport;
import com.crosswalk.graph.GraphClient;
import com.crosswalk.graph.GraphUnreachableException;
import com.crosswalk.graph.GraphClientConfig;

/**
 * {@code ./run.sh check-graph}: checks docs/graph-contract.md against a Graph API with a business's credentials — a
 * few read-only calls, each contract line confirmed or refuted with what Graph answered — then the start-up check
 * of every token. Nothing is written anywhere; no database is needed.
 */
final class CheckGraphCommand {

	static final String HELP = """
			Usage: ./run.sh check-graph --business-file FILE [--graph-url URL] [--api-version v26.0]

			Checks the Graph API behaviours Crosswalk relies on (docs/graph-contract.md) with a few read-only calls
			made with the business file's credentials (secrets may come from the CROSSWALK_APP_*/CROSSWALK_PAGE_*
			variables, as for reconcile), then runs the start-up check of every token (debug_token with the app's own
			credentials, and the owning business where Graph lets it be read).
			Prints one line per contract case: CONFIRMED, REFUTED or SKIPPED, its id, the statement and the evidence
			(codes, fields and headers Graph answered; never a token or secret).
			  --business-file FILE  the business's apps, Pages, secrets and tokens          required
			  --graph-url URL       Graph's address                         default https://graph.facebook.com
			  --api-version V       Graph API version                       default %s
			Exit codes: 0 every case confirmed (or skipped) and every credential works, 1 Graph could not be reached,
			2 a case was refuted or a credential needs fixing.
			""".formatted(GraphClientConfig.DEFAULT_API_VERSION);

	private static final Options.Grammar GRAMMAR = Options.Grammar.of("check-graph",
			Set.of("business-file", "graph-url", "api-version"));

	private CheckGraphCommand() {
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		record Request(BusinessCredentials business, GraphClientConfig config) {
		}
		Options.Parsed<Request> parsed = Options.read(args, GRAMMAR, HELP, out, err, options -> {
			BusinessCredentials business;
			try {
				business = BusinessCredentialsLoader.load(Path.of(options.required("business-file")), System.getenv());
			}
			catch (UncheckedIOException ex) {
				throw new IllegalArgumentException(ex.getMessage() + "; give the business file with --business-file");
			}
			GraphClientConfig config = GraphClientConfig.custom()
				.baseUrl(options.get("graph-url", GraphClientConfig.DEFAULT_BASE_URL.toString()))
				.apiVersion(options.get("api-version", GraphClientConfig.DEFAULT_API_VERSION))
				.maxAttempts(1)
				.build();
			return new Request(business, config);
		});
		if (parsed.stop()) {
			return parsed.exitCode();
		}
		BusinessCredentials business = parsed.value().business();
		GraphClientConfig config = parsed.value().config();
		List<ContractCheck.Result> results;
		try {
			results = new ContractCheck(config, business).run();
		}
		catch (ContractCheck.UnreachableException ex) {
			err.println("check-graph: " + ex.getMessage() + "; check --graph-url and the network, then run again");
			return ExitCode.FAILED;
		}
		catch (IllegalArgumentException | UncheckedIOException ex) {
			err.println("check-graph: " + ex.getMessage());
			return ExitCode.BAD_CONFIGURATION;
		}
		out.println("Graph contract (docs/graph-contract.md) at " + config.baseUrl() + "/" + config.apiVersion()
				+ ", business " + business.businessId() + ":");
		for (ContractCheck.Result result : results) {
			out.printf("  %-9s %-26s %s%n", result.verdict(), result.id(), result.statement());
			out.println("            evidence: " + result.evidence());
		}
		CredentialReport credentials;
		try (GraphClient client = new GraphClient(config, business)) {
			credentials = client.checkCredentials();
		}
		catch (GraphUnreachableException ex) {
			err.println("check-graph: " + ex.getMessage() + "; check --graph-url and the network, then run again");
			return ExitCode.FAILED;
		}
		out.println("Start-up check of " + business.apps().size() + " app(s) and " + business.pages().size()
				+ " Page(s):");
		credentials.problems().forEach(problem -> out.println("  PROBLEM   " + problem));
		credentials.warnings().forEach(warning -> out.println("  WARNING   " + warning));
		if (credentials.problems().isEmpty()) {
			out.println("  every token is valid for its app and Page");
		}
		long refuted = results.stream().filter(r -> r.verdict() == ContractCheck.Verdict.REFUTED).count();
		if (refuted > 0 || !credentials.problems().isEmpty()) {
			err.println("check-graph: " + refuted + " contract case(s) refuted, " + credentials.problems().size()
					+ " credential problem(s); see above");
			return ExitCode.BAD_CONFIGURATION;
		}
		return ExitCode.OK;
	}
}
