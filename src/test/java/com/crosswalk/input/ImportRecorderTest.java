package com.crosswalk.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;
import com.crosswalk.input.ImportRecorder.ImportedRow;
import com.crosswalk.sql.Database;
import com.crosswalk.sql.SideTransactions;
import com.crosswalk.sql.UpsertWriter;
import com.crosswalk.support.TestDatabase;

class ImportRecorderTest {

	@TempDir
	Path dir;

	JdbcTemplate jdbc;

	ImportRecorder recorder;

	SideTransactions sides;

	@AfterEach
	void close() {
		sides.close();
	}

	@BeforeEach
	void migrate() {
		DataSource dataSource = TestDatabase.h2(dir).migrated().dataSource();
		jdbc = new JdbcTemplate(dataSource);
		sides = new SideTransactions(new DataSourceTransactionManager(dataSource));
		recorder = new ImportRecorder(jdbc, new UpsertWriter(jdbc, Database.H2), sides,
				Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC), key -> false, Duration.ofDays(7));
	}

	@Test
	void eachCustomerHasOneIdInPassOneAndTheScopesShareThatWork() {
		// an export that lists every customer's app ID first, then the Page ID: taking the first row would put all
		// of pass 1 on the app
		List<ImportedRow> rows = new ArrayList<>();
		for (int customer = 0; customer < 100; customer++) {
			rows.add(row(rows.size(), "C" + customer, new ScopedId(IdType.ASID, "10", Integer.toString(1000 + customer))));
			rows.add(row(rows.size(), "C" + customer, new ScopedId(IdType.PSID, "20", Integer.toString(2000 + customer))));
		}

		recorder.record(1, rows.subList(0, 120));
		recorder.record(1, rows.subList(120, rows.size()));

		assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT customer_id) FROM cw_staging WHERE lookup_pass = 1",
				Long.class)).as("customers with a pass-1 ID").isEqualTo(100);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_staging WHERE lookup_pass = 1", Long.class))
			.as("one pass-1 ID per customer").isEqualTo(100);
		assertThat(jdbc.queryForList("SELECT COUNT(*) FROM cw_staging WHERE lookup_pass = 1 GROUP BY scope_id",
				Long.class)).as("pass-1 IDs per scope").containsExactlyInAnyOrder(50L, 50L);
	}

	@Test
	void aCustomerSeenInAnEarlierChunkKeepsItsPassOneId() {
		recorder.record(1, List.of(row(0, "C1", new ScopedId(IdType.ASID, "10", "1"))));
		recorder.record(1, List.of(row(1, "C1", new ScopedId(IdType.PSID, "20", "2"))));

		assertThat(jdbc.queryForList("SELECT id_key FROM cw_staging WHERE lookup_pass = 1", String.class))
			.containsExactly("asid:10:1");
	}

	@Test
	void anIdVerifiedWithinTheReverifyAgeIsStagedFresh() {
		jdbc.update("INSERT INTO cw_identity (id_key, id_type, scope_id, scoped_id, first_seen, last_verified)"
				+ " VALUES ('asid:10:1', 'asid', '10', '1', ?, ?)", java.sql.Timestamp.from(
						Instant.parse("2026-11-20T00:00:00Z")), java.sql.Timestamp.from(Instant.parse("2026-11-24T00:00:00Z")));

		recorder.record(1, List.of(row(0, null, new ScopedId(IdType.ASID, "10", "1")),
				row(1, null, new ScopedId(IdType.ASID, "10", "2"))));

		assertThat(jdbc.queryForList("SELECT status FROM cw_staging ORDER BY id_key", String.class))
			.containsExactly("FRESH", "PENDING");
	}

	@Test
	void aNewRunStartsFromAnEmptyStagingTable() {
		recorder.record(1, List.of(row(0, "C1", new ScopedId(IdType.ASID, "10", "1"))));
		assertThat(recorder.hasStagedRows(1)).isTrue();

		recorder.startEmpty();

		assertThat(recorder.hasStagedRows(1)).isFalse();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_staging", Long.class)).isZero();
	}

	@Test
	void aCustomerLinkIsRewrittenOnlyWhenItsInputLineMoved() {
		ScopedId id = new ScopedId(IdType.ASID, "10", "1");
		recorder.record(1, List.of(row(0, "C1", id)));
		recorder.record(2, List.of(row(0, "C1", id)));

		assertThat(customerLink()).as("the same line again: left as run 1 wrote it").containsExactly("input.csv line 2", 1L);

		recorder.record(3, List.of(row(4, "C1", id)));

		assertThat(customerLink()).as("the link moved to another line").containsExactly("input.csv line 6", 3L);
	}

	@Test
	void aRejectedRowKeepsItsCustomer() {
		recorder.record(1, List.of(new ImportedRow(0, new RejectedRow(SourcePosition.line("input.csv", 2), "scoped_id",
				"1.5E+16", RejectionCode.SPREADSHEET_MANGLED, "mangled", "C-42"))));

		assertThat(jdbc.queryForObject("SELECT customer_id FROM cw_reject WHERE stage = 'INPUT'", String.class))
			.isEqualTo("C-42");
	}

	private List<Object> customerLink() {
		return jdbc.queryForObject("SELECT evidence, instance_id FROM cw_link WHERE kind = 'customer'",
				(rs, n) -> List.of(rs.getString(1), rs.getLong(2)));
	}

	private static ImportedRow row(long ordinal, String customer, ScopedId id) {
		return new ImportedRow(ordinal, new ValidRow(SourcePosition.line("input.csv", ordinal + 2), customer, id));
	}
}
