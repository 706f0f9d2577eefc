package com.crosswalk.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.Fixture;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.graph.GraphClient;
import com.crosswalk.graph.GraphClientConfig;
import com.crosswalk.id.ScopedId;
import com.crosswalk.sql.Database;
import com.crosswalk.sql.SideTransactions;
import com.crosswalk.sql.UpsertWriter;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

/** The lanes against the emulator and a real staging table, recorded the way the lookup step records them. */
class LookupLanesTest {

	private static final int WINDOW = 100;

	private static final int BATCH = 10;

	@TempDir
	Path dir;

	JdbcTemplate jdbc;

	OutcomeRecorder recorder;

	GraphEmulator emulator;

	GraphClient client;

	int passOneIds;

	int stagedIds;

	SideTransactions sides;

	@BeforeEach
	void stage() {
		DataSource dataSource = TestDatabase.h2(dir.resolve("db")).migrated().dataSource();
		jdbc = new JdbcTemplate(dataSource);
		DataSourceTransactionManager tm = new DataSourceTransactionManager(dataSource);
		sides = new SideTransactions(tm);
		recorder = new OutcomeRecorder(jdbc, new UpsertWriter(jdbc, Database.H2), new TransactionTemplate(tm), sides,
				key -> false, new BlockedScopes(jdbc, Clock.systemUTC(), Duration.ofHours(48)), Duration.ofHours(48),
				RecordingLock.inProcess());
		Population population = Population.generate(dir.resolve("population"), 200, 2, 3, 7, "--review-share", "0",
				"--bad-rows-share", "0");
		Fixture fixture = population.fixture();
		String business = fixture.businesses().get(0).id();
		Set<String> ownScopes = new HashSet<>();
		fixture.appsOf(business).forEach(app -> ownScopes.add(app.id()));
		fixture.pagesOf(business).forEach(page -> ownScopes.add(page.id()));
		List<Object[]> rows = new ArrayList<>();
		// each person's first ID in pass 1, the others in pass 2: the pass-1 answer names them all
		for (int i = 0; i < fixture.personCount(); i++) {
			List<ScopedId> ids = fixture.person(i).ids().stream().filter(id -> ownScopes.contains(id.scopeId())).toList();
			for (int k = 0; k < ids.size(); k++) {
				ScopedId id = ids.get(k);
				long order = rows.size();
				rows.add(new Object[] { id.toString(), id.type().wireName(), id.scopeId(), id.id(), "C" + i, order,
						(order * 0x9E3779B97F4A7C15L) >>> 1, k == 0 ? 1 : 2 });
				passOneIds += k == 0 ? 1 : 0;
			}
		}
		stagedIds = rows.size();
		jdbc.batchUpdate("INSERT INTO cw_staging (id_key, id_type, scope_id, scoped_id, customer_id, first_position,"
				+ " lookup_order, occurrences, lookup_pass, status, instance_id)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, 'PENDING', 1)", rows);
		emulator = GraphEmulator.start(fixture, EmulatorConfig.custom().port(0).build());
		client = new GraphClient(GraphClientConfig.custom().baseUrl(emulator.baseUrl()).batchSize(BATCH).build(),
				fixture.credentialsFor(business));
	}

	@AfterEach
	void close() {
		client.close();
		emulator.close();
		sides.close();
	}

	/** The first partition of pass 1, split as the job splits it. */
	private LookupPartition firstPartition() {
		return new LookupPartitions(jdbc, WINDOW, BATCH, ScopeSlicing.NONE).of(1, 2).get(0);
	}

	@Test
	void pagesAreHandedOutAgainOnlyOnceTheLastOnesAreRecorded() throws InterruptedException {
		try (LookupLanes lanes = new LookupLanes(jdbc, client, firstPartition())) {
			assertThat(lanes.next()).isNotEmpty();

			// their lanes' room is freed by recorded(): asking again first would leave it taken for good
			assertThatIllegalStateException().isThrownBy(lanes::next).withMessageContaining("not recorded yet");
			lanes.recorded();
			assertThat(lanes.next()).isNotEmpty();
			lanes.recorded();
		}
	}

	@Test
	void passesRunPartitionAfterPartitionLookUpOnlyPassOneAndNoMoreThanTheWindowUnrecorded()
			throws InterruptedException {
		List<Long> unrecordedCalls = new ArrayList<>();
		long recorded = 0;
		LookupPartitions partitions = new LookupPartitions(jdbc, WINDOW, BATCH, ScopeSlicing.NONE);
		List<LookupPartition> ran = new ArrayList<>();
		for (int pass = 0; pass <= 2; pass++) {
			for (LookupPartition partition : partitions.of(pass, 2)) {
				ran.add(partition);
				try (LookupLanes lanes = new LookupLanes(jdbc, client, partition)) {
					for (List<AnsweredPage> pages = lanes.next(); !pages.isEmpty(); pages = lanes.next()) {
						// calls Graph answered whose outcome is not committed yet: what a crash now would repeat
						unrecordedCalls.add(emulator.counters().calls() - recorded);
						for (AnsweredPage page : pages) {
							recorded += page.ids().size();
						}
						recorder.record(1, pages);
						lanes.recorded();
					}
				}
			}
		}

		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_staging WHERE status = 'PENDING'", Long.class))
			.isZero();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_staging WHERE status IN ('RESOLVED', 'COVERED')",
				Long.class)).isEqualTo(stagedIds);
		// pass 1's five scopes in two partitions; pass 2 found every ID covered by pass 1's answers, none looked up
		assertThat(ran).extracting(LookupPartition::pass).containsExactly(1, 1);
		assertThat(emulator.counters().calls()).isEqualTo(passOneIds);
		assertThat(unrecordedCalls).allSatisfy(calls -> assertThat(calls).isLessThanOrEqualTo(WINDOW));
	}

	@Test
	void closingLetsALaneFinishItsDatabaseReadInsteadOfInterruptingIt() throws Exception {
		GatedDataSource gated = new GatedDataSource(jdbc.getDataSource());
		LookupLanes lanes = new LookupLanes(new JdbcTemplate(gated), client, firstPartition());
		assertThat(lanes.next()).isNotEmpty();
		gated.shut();
		lanes.recorded();
		assertThat(gated.entered.await(30, TimeUnit.SECONDS)).as("a lane went on to read its next page").isTrue();

		// the gate opens while close() waits: an interrupt would have reached the lane at the gate first
		Thread opener = new Thread(() -> {
			try {
				Thread.sleep(300);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			gated.open();
		});
		opener.start();
		lanes.close();
		opener.join();

		assertThat(gated.interrupted).as("a lane interrupted in the middle of a database read").isFalse();
	}

	/**
	 * Stands in for a slow database read: once shut, a lane's next connection waits at the gate. On H2 an interrupt
	 * at such a moment closes the database file.
	 */
	static final class GatedDataSource extends DelegatingDataSource {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch gate = new CountDownLatch(1);

		volatile boolean shut;

		volatile boolean interrupted;

		GatedDataSource(DataSource target) {
			super(target);
		}

		void shut() {
			shut = true;
		}

		void open() {
			gate.countDown();
		}

		@Override
		public Connection getConnection() throws SQLException {
			if (shut && Thread.currentThread().getName().equals("crosswalk-lane")) {
				entered.countDown();
				try {
					gate.await();
				}
				catch (InterruptedException e) {
					interrupted = true;
					Thread.currentThread().interrupt();
					throw new SQLException("interrupted while reading", e);
				}
			}
			return super.getConnection();
		}
	}
}
