package com.crosswalk.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.crosswalk.support.TestDatabase;

/** The same upserts on H2 (batched MERGE a row) and PostgreSQL (COPY and one MERGE): the same rows result. */
class UpsertWriterTest {

	static final Upsert UPSERT_NOTE = Upsert.into("note")
		.text("k", "body")
		.bigint("n")
		.integer("small")
		.timestamp("at")
		.on("k")
		.onlyWhere("t.locked = 0")
		.then("WHEN MATCHED THEN UPDATE SET body = s.body, n = t.n + s.n, at = s.at"
				+ " WHEN NOT MATCHED THEN INSERT (k, body, n, small, at, locked) VALUES (s.k, s.body, s.n, s.small, s.at, 0)");

	static final Timestamp AT = Timestamp.from(Instant.parse("2026-11-25T10:15:30.123Z"));

	@TempDir
	static Path dir;

	static Stream<TestDatabase> databases() {
		return TestDatabase.both(dir);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void insertsNewRowsAndUpdatesExistingOnesWithTheirValuesIntact(TestDatabase database) {
		Fixture f = new Fixture(database);
		f.jdbc.update("INSERT INTO note (k, body, n, small, at, locked) VALUES ('old', 'before', 5, 1, ?, 0)", AT);
		String awkward = "tab\there, new\nline, cr\rback\\slash \\N, quote ' \" and ünïcödé ✓";

		f.inTransaction(List.of(new Object[] { "old", "after", 2L, 7, AT }, new Object[] { "new", awkward, 3L, 9, AT },
				new Object[] { "nothing", null, 0L, null, null }));

		assertThat(f.row("old")).containsEntry("BODY", "after").containsEntry("N", 7L).containsEntry("SMALL", 1);
		assertThat(f.row("new")).containsEntry("BODY", awkward).containsEntry("N", 3L).containsEntry("SMALL", 9);
		Timestamp at = f.jdbc.queryForObject("SELECT at FROM note WHERE k = 'new'", (rs, n) -> rs.getTimestamp(1));
		assertThat(at).isEqualTo(AT);
		assertThat(f.row("nothing")).containsEntry("BODY", null).containsEntry("SMALL", null).containsEntry("AT", null);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void theFurtherConditionKeepsAMatchingRowFromBeingTouched(TestDatabase database) {
		Fixture f = new Fixture(database);
		f.jdbc.update("INSERT INTO note (k, body, n, small, at, locked) VALUES ('held', 'kept', 1, 1, ?, 1)", AT);

		// not matched under the condition, so the row is inserted and collides with the held one
		assertThatThrownBy(() -> f.inTransaction(List.<Object[]>of(new Object[] { "held", "changed", 1L, 1, AT })))
			.hasMessageContaining("held");
		assertThat(f.row("held")).containsEntry("BODY", "kept");
	}

	@ParameterizedTest
	@MethodSource("databases")
	void manyRowsInOneCallAreAllWritten(TestDatabase database) {
		Fixture f = new Fixture(database);
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < 5_000; i++) {
			rows.add(new Object[] { "k" + i, "body " + i, (long) i, i % 100, AT });
		}

		f.inTransaction(rows);
		f.inTransaction(rows);

		assertThat(f.jdbc.queryForObject("SELECT COUNT(*) FROM note", Long.class)).isEqualTo(5_000);
		assertThat(f.jdbc.queryForObject("SELECT SUM(n) FROM note", Long.class)).isEqualTo(2 * 4_999L * 5_000 / 2);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void rowsThatRepeatAKeyAreRefusedBeforeAnythingIsWritten(TestDatabase database) {
		Fixture f = new Fixture(database);

		assertThatThrownBy(() -> f.inTransaction(List.of(new Object[] { "same", "a", 1L, 1, AT },
				new Object[] { "same", "b", 1L, 1, AT })))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("share the key [same]");
		assertThatThrownBy(() -> f.inTransaction(List.<Object[]>of(new Object[] { "short" })))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("1 values, not 5");
		assertThat(f.jdbc.queryForObject("SELECT COUNT(*) FROM note", Long.class)).isZero();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void theDatabaseIsToldFromTheConnection(TestDatabase database) {
		assertThat(Database.of(database.jdbc()))
			.isEqualTo(database.isPostgres() ? Database.POSTGRESQL : Database.H2);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void slicesWrittenInOneTransactionAreEachWrittenOnce(TestDatabase database) {
		Fixture f = new Fixture(database);

		f.transaction.executeWithoutResult(tx -> {
			f.writer.write(UPSERT_NOTE, List.<Object[]>of(new Object[] { "a", "1", 1L, 1, AT }));
			f.writer.write(UPSERT_NOTE, List.<Object[]>of(new Object[] { "b", "2", 10L, 1, AT }));
			f.writer.write(UPSERT_NOTE, List.<Object[]>of(new Object[] { "a", "3", 100L, 1, AT }));
		});

		assertThat(f.row("a")).containsEntry("BODY", "3").containsEntry("N", 101L);
		assertThat(f.row("b")).containsEntry("N", 10L);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void twoUpsertsIntoOneTableWithTheirOwnColumnsEachLoadTheirOwnSource(TestDatabase database) {
		// a column the other upsert's source has not: a shared source table would refuse the COPY
		Upsert touch = Upsert.into("note")
			.text("k")
			.bigint("n")
			.integer("locked")
			.on("k")
			.then("WHEN MATCHED THEN UPDATE SET n = s.n"
					+ " WHEN NOT MATCHED THEN INSERT (k, body, n, locked) VALUES (s.k, 'touched', s.n, s.locked)");
		Fixture f = new Fixture(database);

		f.transaction.executeWithoutResult(tx -> {
			f.writer.write(UPSERT_NOTE, List.<Object[]>of(new Object[] { "a", "full", 1L, 5, AT }));
			f.writer.write(touch, List.<Object[]>of(new Object[] { "a", 7L, 0 }, new Object[] { "b", 8L, 0 }));
		});

		assertThat(touch.sourceTable()).isNotEqualTo(UPSERT_NOTE.sourceTable());
		assertThat(f.row("a")).containsEntry("BODY", "full").containsEntry("N", 7L).containsEntry("SMALL", 5);
		assertThat(f.row("b")).containsEntry("BODY", "touched").containsEntry("N", 8L);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void withoutATransactionEachCallStillWritesItsRows(TestDatabase database) {
		Fixture f = new Fixture(database);

		f.writer.write(UPSERT_NOTE, List.<Object[]>of(new Object[] { "k", "one", 1L, 1, AT }));
		f.writer.write(UPSERT_NOTE, List.<Object[]>of(new Object[] { "k", "two", 2L, 1, AT }));

		assertThat(f.row("k")).containsEntry("BODY", "two").containsEntry("N", 3L);
	}

	@org.junit.jupiter.api.Test
	void theValuesFormCastsWhereATypedParameterNeedsIt() {
		assertThat(UPSERT_NOTE.valuesSql()).isEqualTo("MERGE INTO note t USING (VALUES (?, ?, ?, CAST(? AS INT),"
				+ " CAST(? AS TIMESTAMP WITH TIME ZONE))) AS s(k, body, n, small, at) ON t.k = s.k AND t.locked = 0 "
				+ UPSERT_NOTE_ACTIONS);
	}

	static final String UPSERT_NOTE_ACTIONS = "WHEN MATCHED THEN UPDATE SET body = s.body, n = t.n + s.n, at = s.at"
			+ " WHEN NOT MATCHED THEN INSERT (k, body, n, small, at, locked) VALUES (s.k, s.body, s.n, s.small, s.at, 0)";

	static final class Fixture {

		final JdbcTemplate jdbc;

		final UpsertWriter writer;

		final TransactionTemplate transaction;

		Fixture(TestDatabase database) {
			DataSource dataSource = database.dataSource();
			jdbc = new JdbcTemplate(dataSource);
			jdbc.execute("CREATE TABLE note (k VARCHAR(40) PRIMARY KEY, body VARCHAR(200), n BIGINT NOT NULL,"
					+ " small INT, at TIMESTAMP WITH TIME ZONE, locked INT NOT NULL)");
			writer = new UpsertWriter(jdbc, Database.of(jdbc));
			transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		}

		void inTransaction(List<Object[]> rows) {
			transaction.executeWithoutResult(tx -> writer.write(UPSERT_NOTE, rows));
		}

		Map<String, Object> row(String key) {
			return jdbc.queryForMap("SELECT body, n, small, at FROM note WHERE k = ?", key);
		}
	}
}
