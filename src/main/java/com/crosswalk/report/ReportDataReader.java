package com.crosswalk.report;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.graph.CallBudget;
import com.crosswalk.graph.GraphClient;
import com.crosswalk.graph.GraphClientConfig;
import com.crosswalk.graph.ScopeStatus;
import com.crosswalk.id.IdType;
import com.crosswalk.lookup.BlockedScopes;
import com.crosswalk.report.ReportData.BlockedScope;
import com.crosswalk.report.ReportData.Budget;
import com.crosswalk.report.ReportData.IdsPerPerson;
import com.crosswalk.report.ReportData.RejectionReason;

/** Reads what the run report shows from the tables and the Graph client: a handful of aggregate queries. */
public class ReportDataReader {

	static final int TOP_REASONS = 10;

	static final int EXAMPLES_PER_REASON = 3;

	private final JdbcTemplate jdbc;

	private final GraphClient graphClient;

	private final Clock clock;

	private final BlockedScopes blockedScopes;

	private final RunGraphMetrics graphMetrics;

	public ReportDataReader(JdbcTemplate jdbc, GraphClient graphClient, RunGraphMetrics graphMetrics, Clock clock,
			BlockedScopes blockedScopes) {
		this.jdbc = jdbc;
		this.graphMetrics = graphMetrics;
		this.graphClient = graphClient;
		this.clock = clock;
		this.blockedScopes = blockedScopes;
	}

	public ReportData read(RunSummary summary) {
		return new ReportData(summary, graphMetrics.of(summary.executionId()).callsPerMinute(), budget(), idsPerPerson(),
				blockedScopes(), rejectionReasons(summary.instanceId()), clock.instant());
	}

	private Budget budget() {
		GraphClientConfig config = graphClient.config();
		List<ScopeStatus> scopes = graphClient.scopeStatuses();
		long apps = scopes.stream().filter(s -> s.scope().type() == IdType.ASID).count();
		long pages = scopes.size() - apps;
		double perMinute = perMinute(config.appBudget(), apps) + perMinute(config.pageBudget(), pages);
		if (perMinute == 0) {
			return new Budget(0, "no client-side budget configured (crosswalk.graph.app-calls-per-hour,"
					+ " page-calls-per-hour): the client slows down on Graph's usage headers, from "
					+ percent(config.slowdownAt()) + " of a scope's limit, and pauses at " + percent(config.pauseAt()));
		}
		return new Budget(perMinute, String.format(Locale.ROOT, "%s + %s = %.1f calls per minute across the business",
				describe(config.appBudget(), apps, "app"), describe(config.pageBudget(), pages, "Page"), perMinute));
	}

	private static double perMinute(Optional<CallBudget> budget, long scopes) {
		return budget.map(b -> b.calls() * 60_000.0 / b.window().toMillis() * scopes).orElse(0.0);
	}

	private static String describe(Optional<CallBudget> budget, long scopes, String kind) {
		return budget.map(b -> String.format(Locale.ROOT, "%d %s(s) × %,d calls per %s", scopes, kind, b.calls(),
				b.window())).orElse("no " + kind + " budget");
	}

	private static String percent(double share) {
		return Math.round(share * 100) + "%";
	}

	private List<IdsPerPerson> idsPerPerson() {
		return jdbc.query("SELECT ids, COUNT(*) AS persons FROM (SELECT person_key, COUNT(*) AS ids FROM cw_identity"
				+ " WHERE person_key IS NOT NULL AND id_type IN ('psid', 'asid') GROUP BY person_key) per_person"
				+ " GROUP BY ids ORDER BY ids", (rs, n) -> new IdsPerPerson(rs.getLong(1), rs.getLong(2)));
	}

	private List<BlockedScope> blockedScopes() {
		return blockedScopes.all().stream()
			.map(s -> new BlockedScope(s.scopeId(), s.idType().wireName(), s.message(), s.firstBlockedAt(), s.due(),
					s.idsWaiting()))
			.toList();
	}

	private List<RejectionReason> rejectionReasons(long instanceId) {
		List<RejectionReason> reasons = new ArrayList<>();
		jdbc.query("SELECT stage, COALESCE(field, '') AS field, reason, COUNT(*) AS n FROM cw_reject"
				+ " WHERE instance_id = ? GROUP BY stage, COALESCE(field, ''), reason ORDER BY n DESC, stage, reason"
				+ " FETCH FIRST " + TOP_REASONS + " ROWS ONLY", rs -> {
					reasons.add(new RejectionReason(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
							List.of()));
				}, instanceId);
		return reasons.stream().map(r -> new RejectionReason(r.stage(), r.field(), r.reason(), r.rows(),
				examples(instanceId, r))).toList();
	}

	private List<String> examples(long instanceId, RejectionReason reason) {
		return jdbc.query("SELECT position, raw_value FROM cw_reject WHERE instance_id = ? AND stage = ?"
				+ " AND COALESCE(field, '') = ? AND reason = ? ORDER BY ordinal, position FETCH FIRST "
				+ EXAMPLES_PER_REASON + " ROWS ONLY", (rs, n) -> {
					String value = rs.getString(2);
					return rs.getString(1) + (value == null ? "" : ": '" + value + "'");
				}, instanceId, reason.stage(), reason.field(), reason.reason());
	}

}
