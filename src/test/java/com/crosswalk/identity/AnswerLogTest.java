package com.crosswalk.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.crosswalk.sql.Database;
import com.crosswalk.sql.UpsertWriter;
import com.crosswalk.support.TestDatabase;

/** The answer log on H2 and PostgreSQL: applied in slices, the same rows as writing each answer at once. */
class AnswerLogTest {

	static final Timestamp FIRST = Timestamp.from(Instant.parse("2026-12-01T10:00:00Z"));

	static final Timestamp SECOND = Timestamp.from(Instant.parse("2026-12-01T10:05:00Z"));

	static final Timestamp THIRD = Timestamp.from(Instant.parse("2026-12-01T10:09:00Z"));

	@TempDir
	static Path dir;

	static Stream<TestDatabase> databases() {
		return TestDatabase.both(dir);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void applyingMovesEveryRowAsTheFirstAnswerNamedItWithTheLastAnswersTime(TestDatabase database) {
		Fixture f = new Fixture(database);
		f.logThreeAnswers();

		// a slice of 2 rows: the repeated identity and link fall into different slices
		assertThat(f.answers.apply()).isEqualTo(7);

		assertThat(f.answers.pending()).isZero();
		assertThat(f.identity("psid:1:a")).containsEntry("person_key", "p_first")
			.containsEntry("first_seen", FIRST.toInstant())
			.containsEntry("last_verified", THIRD.toInstant());
		assertThat(f.identity("asid:9:b")).containsEntry("person_key", "p_first")
			.containsEntry("last_verified", FIRST.toInstant());
		assertThat(f.identity("psid:2:c")).containsEntry("person_key", "p_other");
		assertThat(f.jdbc.queryForObject("SELECT COUNT(*) FROM cw_link", Long.class)).isEqualTo(2);
		assertThat(f.jdbc.queryForObject("SELECT evidence FROM cw_link WHERE from_key = 'psid:1:a'"
				+ " AND to_key = 'asid:9:b'", String.class)).as("the last answer's evidence").isEqualTo("call-3");
	}

	@ParameterizedTest
	@MethodSource("databases")
	void anIdentityAlreadyKnownKeepsItsPersonAndFirstSeenAndTakesTheNewTime(TestDatabase database) {
		Fixture f = new Fixture(database);
		f.jdbc.update("INSERT INTO cw_identity (id_key, person_key, id_type, scope_id, scoped_id, first_seen,"
				+ " last_verified) VALUES ('psid:1:a', 'p_known', 'psid', '1', 'a', ?, ?)", FIRST, FIRST);

		f.answers.append(List.<Object[]>of(new Object[] { "psid:1:a", "psid", "1", "a", SECOND, "p_new" }), List.of());
		f.answers.apply();

		assertThat(f.identity("psid:1:a")).containsEntry("person_key", "p_known")
			.containsEntry("first_seen", FIRST.toInstant())
			.containsEntry("last_verified", SECOND.toInstant());
	}

	@ParameterizedTest
	@MethodSource("databases")
	void aSliceThatFailsStaysInTheLogAndApplyingAgainGivesTheSameTables(TestDatabase database) {
		Fixture f = new Fixture(database);
		f.logThreeAnswers();
		f.jdbc.execute("ALTER TABLE cw_identity RENAME TO cw_identity_away");

		// the links went in, then the first identity slice failed: as a process killed mid-way
		assertThatThrownBy(f.answers::apply).rootCause().hasMessageContaining("cw_identity");
		f.jdbc.execute("ALTER TABLE cw_identity_away RENAME TO cw_identity");
		assertThat(f.jdbc.queryForObject("SELECT COUNT(*) FROM cw_identity_log", Long.class)).isEqualTo(4);
		assertThat(f.jdbc.queryForObject("SELECT COUNT(*) FROM cw_link_log", Long.class)).isZero();

		f.answers.apply();

		assertThat(f.answers.pending()).isZero();
		assertThat(f.identity("psid:1:a")).containsEntry("first_seen", FIRST.toInstant())
			.containsEntry("last_verified", THIRD.toInstant());
		assertThat(f.jdbc.queryForObject("SELECT COUNT(*) FROM cw_identity", Long.class)).isEqualTo(3);
		assertThat(f.jdbc.queryForObject("SELECT COUNT(*) FROM cw_link", Long.class)).isEqualTo(2);
	}

	private static final class Fixture {

		final JdbcTemplate jdbc;

		final AnswerLog answers;

		final TransactionTemplate transaction;

		Fixture(TestDatabase database) {
			TestDatabase migrated = database.migrated();
			this.jdbc = migrated.jdbc();
			this.transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
			this.answers = new AnswerLog(jdbc, new UpsertWriter(jdbc, Database.of(jdbc)), transaction, 2,
					Duration.ofMinutes(1));
		}

		/** Three recordings: a names b, c alone, a names b again later. */
		void logThreeAnswers() {
			transaction.executeWithoutResult(tx -> answers.append(
					List.of(new Object[] { "psid:1:a", "psid", "1", "a", FIRST, "p_first" },
							new Object[] { "asid:9:b", "asid", "9", "b", FIRST, "p_first" }),
					List.<Object[]>of(new Object[] { "psid:1:a", "asid:9:b", "call-1", 1L, FIRST })));
			transaction.executeWithoutResult(tx -> answers.append(
					List.<Object[]>of(new Object[] { "psid:2:c", "psid", "2", "c", SECOND, "p_other" }),
					List.<Object[]>of(new Object[] { "psid:2:c", "psid:1:a", "call-2", 1L, SECOND })));
			transaction.executeWithoutResult(tx -> answers.append(
					List.<Object[]>of(new Object[] { "psid:1:a", "psid", "1", "a", THIRD, "p_later" }),
					List.<Object[]>of(new Object[] { "psid:1:a", "asid:9:b", "call-3", 1L, THIRD })));
		}

		Map<String, Object> identity(String key) {
			return jdbc.queryForObject("SELECT person_key, first_seen, last_verified FROM cw_identity WHERE id_key = ?",
					(rs, n) -> Map.of("person_key", rs.getString(1), "first_seen", rs.getTimestamp(2).toInstant(),
							"last_verified", rs.getTimestamp(3).toInstant()),
					key);
		}
	}
}
