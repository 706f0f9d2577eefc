package com.crosswalk.lookup;

import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.graph.GraphClient;
import com.crosswalk.graph.ScopeStatus;
import com.crosswalk.id.Scope;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands a scope's recent Graph calls from the partition that ran it to the next one (cw_scope_calls). A scope is in
 * one partition of a pass and passes run one after another, but each pass's partition may run in another worker JVM
 * with a Graph client of its own: given the calls still in the scope's window, that client's budget for the scope has
 * as much room as one client's would, so workers never spend more than one budget.
 */
public class ScopeCallLogs {

	private static final TypeReference<TreeMap<Long, Integer>> CALLS = new TypeReference<>() {
	};

	private final JsonMapper json = JsonMapper.builder().build();

	private final JdbcTemplate jdbc;

	public ScopeCallLogs(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Before a partition's lookups: its scopes' calls made by other clients count in this client's windows. */
	public void handTo(GraphClient client, LookupPartition partition) {
		for (Scope scope : scopes(client, partition)) {
			jdbc.query("SELECT calls_json FROM cw_scope_calls WHERE scope_id = ?", rs -> {
				SortedMap<Long, Integer> calls = json.readValue(rs.getString(1), CALLS);
				client.callsMadeElsewhere(scope, calls);
			}, scope.id());
		}
	}

	/** After a partition: its scopes' calls still in their windows, for the client of the next pass. */
	public void keepFrom(GraphClient client, LookupPartition partition) {
		for (Scope scope : scopes(client, partition)) {
			String calls = json.writeValueAsString(client.callLog(scope));
			if (jdbc.update("UPDATE cw_scope_calls SET calls_json = ? WHERE scope_id = ?", calls, scope.id()) == 0) {
				jdbc.update("INSERT INTO cw_scope_calls (scope_id, calls_json) VALUES (?, ?)", scope.id(), calls);
			}
		}
	}

	private static List<Scope> scopes(GraphClient client, LookupPartition partition) {
		Set<String> ids = Set.copyOf(partition.scopes());
		return client.scopeStatuses().stream().map(ScopeStatus::scope).filter(s -> ids.contains(s.id())).toList();
	}
}
