package com.crosswalk.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.Fixture;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.graph.CallBudget;
import com.crosswalk.graph.GraphClient;
import com.crosswalk.graph.GraphClientConfig;
import com.crosswalk.id.Scope;
import com.crosswalk.id.ScopedId;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

/**
 * A scope's partition of the next pass may run in another worker JVM, with a Graph client of its own: the calls the
 * first client made still count against the scope's budget in the second.
 */
class ScopeCallLogsTest {

	@TempDir
	Path dir;

	@Test
	void theNextPartitionsClientCountsTheCallsTheLastOneMadeForItsScopes() {
		JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.h2(dir.resolve("db")).migrated().dataSource());
		ScopeCallLogs logs = new ScopeCallLogs(jdbc);
		Fixture fixture = Population.generate(dir.resolve("population"), 100, 1, 1, 3, "--review-share", "0")
			.fixture();
		String business = fixture.businesses().get(0).id();
		String page = fixture.pagesOf(business).get(0).id();
		List<ScopedId> ids = IntStream.range(0, fixture.personCount())
			.mapToObj(i -> fixture.person(i))
			.flatMap(person -> person.ids().stream())
			.filter(id -> id.scopeId().equals(page))
			.limit(30)
			.toList();
		LookupPartition partition = new LookupPartition(1, List.of(page), 50);
		try (GraphEmulator emulator = GraphEmulator.start(fixture, EmulatorConfig.custom().build());
				GraphClient first = client(emulator, fixture, business);
				GraphClient second = client(emulator, fixture, business)) {
			first.lookup(ids);
			logs.keepFrom(first, partition);

			logs.handTo(second, partition);

			Scope scope = new Scope(ids.get(0).type(), page);
			int spent = first.callLog(scope).values().stream().mapToInt(Integer::intValue).sum();
			assertThat(spent).as("calls the first client made for the Page").isGreaterThanOrEqualTo(ids.size());
			assertThat(second.callLog(scope)).as("what the second client counts against the Page's budget")
				.isEqualTo(first.callLog(scope));
			// handed over again (a partition of the same JVM), nothing counts twice
			logs.handTo(second, partition);
			assertThat(second.callLog(scope)).isEqualTo(first.callLog(scope));
		}
	}

	private static GraphClient client(GraphEmulator emulator, Fixture fixture, String business) {
		return new GraphClient(GraphClientConfig.custom()
			.baseUrl(emulator.baseUrl())
			.pageBudget(CallBudget.perHour(10_000))
			.build(), fixture.credentialsFor(business));
	}
}
