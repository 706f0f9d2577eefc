package com.crosswalk.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.graph.GraphClient;
import com.crosswalk.graph.RawExchange;
import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;
import com.crosswalk.identity.Tombstones;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./run.sh explain}: answers "why isn't this customer matched?" for one ID — the ID Matching calls made for
 * real (tokens and proofs redacted), then where the ID stands in Crosswalk's tables.
 */
final class ExplainCommand {

	static final String HELP = """
			Usage: ./run.sh explain ID --type psid|asid --scope PAGE_OR_APP_ID [--app APP_ID | --page PAGE_ID]
			                        [reconcile options: --graph-url, --business-file, --emulator-fixture, --db-url ...]

			Makes the seed's ID Matching calls for one ID with the token of its scope (a PSID: the Page's token; an
			ASID: the app's token), each with its appsecret_proof:
			  GET /{id}/ids_for_apps [app=]   GET /{id}/ids_for_pages [page=]
			  GET /{id}?fields=name,<age_range|is_payment_enabled>,ids_for_apps,ids_for_pages
			prints each request (token and proof redacted) and its answer, then the ID's person key, the person's
			other IDs, the merge-log history, and any blocked / rejected / failed-auth record with its reason.
			Works against the embedded emulator (--emulator-fixture, or the demo's config) and the real Graph API
			(--graph-url https://graph.facebook.com --business-file FILE). Reads the tables of --db-url.
			Exit codes: 0 every call answered HTTP 200, 1 a call was refused (the answer says why: review, token,
			unknown ID) or Graph could not be reached, 2 bad usage or configuration.
			""";

	private static final Options.Grammar GRAMMAR = Options.Grammar
		.of("explain", Set.of("type", "scope", "app", "page", "graph-url", "business-file", "emulator-fixture", "db-url",
				"db-user", "config", "input", "out"))
		.withArguments();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ExplainCommand() {
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		record Request(Options options, ScopedId id) {
		}
		Options.Parsed<Request> parsed = Options.read(args, GRAMMAR, HELP, out, err, options -> {
			IdType type = IdType.parse(options.get("type"));
			if (options.positional().size() != 1 || type == null || !options.has("scope")) {
				throw new Options.UsageException("Give one ID, --type psid|asid and --scope PAGE_OR_APP_ID");
			}
			// the ID goes into the request path: digits only, as Graph IDs are
			for (String value : new String[] { options.positional().get(0), options.get("scope"),
					options.get("app", "0"), options.get("page", "0") }) {
				if (!value.matches("[0-9]{1,32}")) {
					throw new Options.UsageException("Not a Graph ID (digits only): '" + value + "'");
				}
			}
			return new Request(options, new ScopedId(type, options.get("scope"), options.positional().get(0)));
		});
		if (parsed.stop()) {
			return parsed.exitCode();
		}
		Options options = parsed.value().options();
		ScopedId id = parsed.value().id();
		Map<String, String> props = ReconcileCommand.properties(options);
		props.put("spring.main.lazy-initialization", "true");
		try (ConfigurableApplicationContext context = AppContext.start(props)) {
			GraphClient graph = context.getBean(GraphClient.class);
			boolean allAnswered = true;
			for (Call call : calls(id, options.get("app"), options.get("page"))) {
				try {
					RawExchange exchange = graph.call(id, call.path(), call.params());
					out.println("GET " + exchange.redactedUrl());
					out.println("  -> HTTP " + exchange.status());
					out.println(indent(pretty(exchange.body())));
					allAnswered &= exchange.status() == 200;
				}
				catch (UncheckedIOException unreachable) {
					// the transport masked the message; the tables below are still worth showing
					out.println("GET /" + call.path() + " -> no answer: " + unreachable.getCause().getMessage());
					allAnswered = false;
				}
			}
			describeStanding(id, context.getBean(JdbcTemplate.class), context.getBean(Tombstones.class), out);
			return allAnswered ? ExitCode.OK : ExitCode.FAILED;
		}
		catch (Exception e) {
			return StartupFailure.report(e, err);
		}
	}

	private static List<Call> calls(ScopedId id, String app, String page) {
		List<Call> calls = new ArrayList<>();
		Map<String, String> appFilter = app == null ? Map.of() : Map.of("app", app);
		Map<String, String> pageFilter = page == null ? Map.of() : Map.of("page", page);
		calls.add(new Call(id.id() + "/ids_for_apps", appFilter));
		calls.add(new Call(id.id() + "/ids_for_pages", pageFilter));
		String profile = id.type() == IdType.ASID ? "name,age_range" : "name,is_payment_enabled";
		calls.add(new Call(id.id(), Map.of("fields", profile + ",ids_for_apps,ids_for_pages")));
		return calls;
	}

	private static void describeStanding(ScopedId id, JdbcTemplate jdbc, Tombstones tombstones, PrintStream out) {
		String key = id.toString();
		out.println();
		out.println("In Crosswalk's tables (" + key + "):");
		if (tombstones.isForgotten(key)) {
			out.println("  FORGOTTEN: deleted by a privacy request; runs skip this ID and Graph answers naming it");
			return;
		}
		List<String> persons = jdbc.queryForList("SELECT person_key FROM cw_identity WHERE id_key = ?", String.class,
				key);
		if (persons.isEmpty()) {
			out.println("  not in the identity table");
		}
		else if (persons.get(0) == null) {
			out.println("  in the identity table, not yet merged into a person (the merge step has not run)");
		}
		else {
			String person = persons.get(0);
			out.println("  person " + person + ", whose identifiers are:");
			jdbc.query("SELECT id_type, scope_id, scoped_id, first_seen, last_verified FROM cw_identity"
					+ " WHERE person_key = ? ORDER BY id_type, scope_id, scoped_id", rs -> {
						out.printf("    %-8s %-18s %-20s first seen %s, last verified %s%n", rs.getString(1),
								rs.getString(2), rs.getString(3), rs.getObject(4), rs.getObject(5));
					}, person);
			jdbc.query("SELECT event, from_key, to_key, evidence, merged_at FROM cw_merge_log"
					+ " WHERE from_key = ? OR to_key = ? ORDER BY merged_at, event", rs -> {
						String verb = "MERGE".equals(rs.getString(1)) ? "absorbed into" : "gave identifiers to";
						out.printf("  %s: %s %s %s at %s (%s)%n", rs.getString(1).toLowerCase(), rs.getString(2), verb,
								rs.getString(3), rs.getObject(5), rs.getString(4));
					}, person, person);
		}
		jdbc.query("SELECT from_key, to_key, kind, evidence, learnt_at FROM cw_link WHERE from_key = ? OR to_key = ?"
				+ " ORDER BY learnt_at, from_key, to_key", rs -> {
					boolean outgoing = key.equals(rs.getString(1));
					out.printf("  link %s %s (%s link, evidence %s, learnt %s)%n", outgoing ? "->" : "<-",
							outgoing ? rs.getString(2) : rs.getString(1), rs.getString(3), rs.getString(4),
							rs.getObject(5));
				}, key, key);
		jdbc.query("SELECT code, message, first_blocked_at, retry_after FROM cw_blocked WHERE id_key = ?", rs -> {
			out.printf("  BLOCKED pending review: code %d, %s; since %s, next try after %s%n", rs.getInt(1),
					rs.getString(2), rs.getObject(3), rs.getObject(4));
		}, key);
		jdbc.query("SELECT code, subcode, message, failed_at FROM cw_failed_auth WHERE id_key = ?", rs -> {
			out.printf("  FAILED AUTH: code %d/%s %s at %s%n", rs.getInt(1), rs.getObject(2), rs.getString(3),
					rs.getObject(4));
		}, key);
		jdbc.query("SELECT code, subcode, message, failed_at FROM cw_permission_denied WHERE id_key = ?", rs -> {
			out.printf("  PERMISSION DENIED: code %d/%s %s at %s%n", rs.getInt(1), rs.getObject(2), rs.getString(3),
					rs.getObject(4));
		}, key);
		// Graph refusals are filed under the ID's key; input rows under their line, with the offending value.
		jdbc.query("SELECT stage, position, field, reason FROM cw_reject WHERE (stage = 'LOOKUP' AND position = ?)"
				+ " OR (stage = 'INPUT' AND field = 'scoped_id' AND raw_value = ?)"
				+ " ORDER BY rejected_at DESC, position FETCH FIRST 5 ROWS ONLY", rs -> {
					out.printf("  REJECTED at %s (%s, field %s): %s%n", rs.getString(2), rs.getString(1),
							rs.getString(3), rs.getString(4));
				}, key, id.id());
	}

	private static String pretty(String body) {
		try {
			JsonNode node = JSON.readTree(body);
			return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
		}
		catch (RuntimeException notJson) {
			return body;
		}
	}

	private static String indent(String text) {
		return "  " + text.replace("\n", "\n  ");
	}

	private record Call(String path, Map<String, String> params) {
		Call {
			params = new LinkedHashMap<>(params);
		}
	}
}
