package com.crosswalk.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;
import com.crosswalk.input.ImportRecorder.ImportedRow;
import com.crosswalk.sql.Database;
import com.crosswalk.sql.SideTransactions;
import com.crosswalk.sql.UpsertWriter;
import com.crosswalk.support.TestDatabase;

/**
 * The import on PostgreSQL, where the staging table it fills has no statistics until autovacuum gets round to it
 * (a new run truncates it): a plan chosen on no statistics must not read the whole table once a chunk, which makes a
 * million-row backfill's import quadratic (measured: 58.8 s of one 1 M-ID run went to one such query).
 */
class ImportRecorderPostgresTest {

	@Test
	void chunksProbeTheStagingTableByIndexNeverByScanningIt() throws Exception {
		TestDatabase database = TestDatabase.postgres().migrated();
		// one data source for the chunk's transaction and the side writes, as in the job: each side write gets a
		// connection of its own, and the scans counted are the chunk transaction's
		DataSource dataSource = database.dataSource();
		DataSourceTransactionManager tm = new DataSourceTransactionManager(dataSource);
		try (SideTransactions sides = new SideTransactions(tm)) {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			ImportRecorder recorder = recorder(jdbc, sides);
			recorder.startEmpty();
			long[] scans = new TransactionTemplate(tm).execute(tx -> {
				recorder.record(1, chunk(0, 2_000));
				long whileEmpty = stagingScans(jdbc);
				for (int chunk = 1; chunk < 5; chunk++) {
					recorder.record(1, chunk(chunk * 2_000, 2_000));
				}
				return new long[] { whileEmpty, stagingScans(jdbc) };
			});
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_staging", Long.class)).isEqualTo(10_000);
			assertThat(scans[1]).as("sequential scans of cw_staging once it held rows").isEqualTo(scans[0]);
		}
	}

	/** This transaction's own count: nothing has to reach the statistics collector first. */
	private static long stagingScans(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'cw_staging'",
				Long.class);
	}

	private static ImportRecorder recorder(JdbcTemplate jdbc, SideTransactions sides) {
		return new ImportRecorder(jdbc, new UpsertWriter(jdbc, Database.POSTGRESQL), sides,
				Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC), key -> false, Duration.ofDays(7));
	}

	/** Rows of customers with an app ID and a Page ID each, a customer's two rows next to each other. */
	private static List<ImportedRow> chunk(int first, int size) {
		List<ImportedRow> rows = new ArrayList<>(size);
		for (int ordinal = first; ordinal < first + size; ordinal++) {
			String customer = "C" + ordinal / 2;
			ScopedId id = ordinal % 2 == 0 ? new ScopedId(IdType.ASID, "10", Integer.toString(100_000 + ordinal))
					: new ScopedId(IdType.PSID, "20", Integer.toString(900_000 + ordinal));
			rows.add(new ImportedRow(ordinal,
					new ValidRow(SourcePosition.line("input.csv", ordinal + 2), customer, id)));
		}
		return rows;
	}
}
