package com.crosswalk.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.crosswalk.graph.LookupOutcome;
import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;
import com.crosswalk.sql.Database;
import com.crosswalk.sql.SideTransactions;
import com.crosswalk.sql.UpsertWriter;
import com.crosswalk.support.TestDatabase;

class OutcomeRecorderTest {

	static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

	static final ScopedId BLOCKED_PAGE_ID = new ScopedId(IdType.PSID, "111", "1");

	static final ScopedId OPEN_PAGE_ID = new ScopedId(IdType.PSID, "222", "2");

	@TempDir
	Path dir;

	JdbcTemplate jdbc;

	OutcomeRecorder recorder;

	SideTransactions sides;

	@BeforeEach
	void stage() {
		DataSource dataSource = TestDatabase.h2(dir).migrated().dataSource();
		jdbc = new JdbcTemplate(dataSource);
		DataSourceTransactionManager tm = new DataSourceTransactionManager(dataSource);
		sides = new SideTransactions(tm);
		recorder = new OutcomeRecorder(jdbc, new UpsertWriter(jdbc, Database.H2), new TransactionTemplate(tm), sides,
				key -> false, new BlockedScopes(jdbc, Clock.systemUTC(), Duration.ofHours(48)), Duration.ofHours(48),
				RecordingLock.inProcess());
		for (ScopedId id : List.of(BLOCKED_PAGE_ID, OPEN_PAGE_ID)) {
			jdbc.update("INSERT INTO cw_staging (id_key, id_type, scope_id, scoped_id, first_position, lookup_order,"
					+ " occurrences, lookup_pass, status, instance_id) VALUES (?, 'psid', ?, ?, 1, 1, 1, 1, 'PENDING', 1)",
					id.toString(), id.scopeId(), id.id());
		}
	}

	@AfterEach
	void close() {
		sides.close();
	}

	@Test
	void aFailureForAnIdStillPendingFilesItInTheBlockedReport() {
		long moved = recorder.record(1, List.of(page(BLOCKED_PAGE_ID, blocked())));

		assertThat(moved).isEqualTo(1);
		assertThat(status(BLOCKED_PAGE_ID)).isEqualTo("BLOCKED");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_blocked", Long.class)).isEqualTo(1);
	}

	@Test
	void aPermissionDeniedIdGoesToItsOwnReportAndLeavesItWhenAnotherAnswerNamesIt() {
		long moved = recorder.record(1, List.of(page(BLOCKED_PAGE_ID, new LookupOutcome.PermissionDenied(
				BLOCKED_PAGE_ID, 200, null, "(#200) Permissions error", NOW))));

		assertThat(moved).isEqualTo(1);
		assertThat(status(BLOCKED_PAGE_ID)).isEqualTo("DENIED");
		assertThat(jdbc.queryForObject("SELECT message FROM cw_permission_denied WHERE id_key = ?", String.class,
				BLOCKED_PAGE_ID.toString())).isEqualTo("(#200) Permissions error");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_blocked", Long.class)).as("not the review").isZero();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_failed_auth", Long.class)).isZero();

		recorder.record(1, List.of(page(OPEN_PAGE_ID, resolved(OPEN_PAGE_ID, BLOCKED_PAGE_ID))));

		assertThat(status(BLOCKED_PAGE_ID)).isEqualTo("COVERED");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_permission_denied", Long.class)).isZero();
	}

	@Test
	void aLateFailureDoesNotUndoWhatAnotherLanesAnswerCovered() {
		recorder.record(1, List.of(page(OPEN_PAGE_ID, new LookupOutcome.Resolved(OPEN_PAGE_ID,
				List.of(OPEN_PAGE_ID, BLOCKED_PAGE_ID), Map.of(), "batch-1#0", NOW))));

		long moved = recorder.record(1, List.of(page(BLOCKED_PAGE_ID, blocked())));

		assertThat(moved).isZero();
		assertThat(status(BLOCKED_PAGE_ID)).isEqualTo("COVERED");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_blocked", Long.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_blocked_scope", Long.class)).isZero();
	}

	@Test
	void answersMoveTheirIdsAndTheIdsTheyNameEachCountedOnce() {
		// the open Page's answer names the other ID: that one is COVERED, and its own late answer moves nothing
		long first = recorder.record(1, List.of(page(OPEN_PAGE_ID, resolved(OPEN_PAGE_ID, BLOCKED_PAGE_ID))));
		long late = recorder.record(1, List.of(page(BLOCKED_PAGE_ID, resolved(BLOCKED_PAGE_ID, OPEN_PAGE_ID))));

		assertThat(first).as("the answered ID and the one it named").isEqualTo(2);
		assertThat(late).isZero();
		assertThat(status(OPEN_PAGE_ID)).isEqualTo("RESOLVED");
		assertThat(status(BLOCKED_PAGE_ID)).isEqualTo("COVERED");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_identity", Long.class)).isEqualTo(2);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_link", Long.class)).as("one link per answer")
			.isEqualTo(2);
	}

	@Test
	void anIdBlockedEarlierLeavesTheBlockedReportWhenAnotherAnswerNamesIt() {
		recorder.record(1, List.of(page(BLOCKED_PAGE_ID, blocked())));
		jdbc.update("INSERT INTO cw_failed_auth (id_key, id_type, scope_id, scoped_id, code, message, failed_at,"
				+ " instance_id) VALUES (?, 'psid', '2', '2', 190, 'expired', ?, 0)", OPEN_PAGE_ID.toString(),
				java.sql.Timestamp.from(NOW));

		recorder.record(1, List.of(page(OPEN_PAGE_ID, resolved(OPEN_PAGE_ID, BLOCKED_PAGE_ID))));

		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_blocked", Long.class)).as("named: resolved").isZero();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_failed_auth", Long.class)).as("answered: resolved")
			.isZero();
	}

	@Test
	void aPageWhoseLinksCouldNotBeWrittenStaysPendingAndRecordingItAgainWritesNothingTwice() {
		AnsweredPage answered = page(OPEN_PAGE_ID, resolved(OPEN_PAGE_ID, BLOCKED_PAGE_ID));
		jdbc.execute("ALTER TABLE cw_link RENAME TO cw_link_away");

		assertThatThrownBy(() -> recorder.record(1, List.of(answered))).hasMessageContaining("cw_link");

		assertThat(status(OPEN_PAGE_ID)).as("the checkpoint did not run ahead of the links").isEqualTo("PENDING");
		assertThat(status(BLOCKED_PAGE_ID)).isEqualTo("PENDING");
		// a later run would take a committed identity for fresh and never look it up again
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_identity", Long.class))
			.as("no identity committed without the links its answer brought").isZero();
		jdbc.execute("ALTER TABLE cw_link_away RENAME TO cw_link");
		// as a restarted run does: the page is looked up again and the same answer recorded
		assertThat(recorder.record(1, List.of(answered))).isEqualTo(2);
		assertThat(status(OPEN_PAGE_ID)).isEqualTo("RESOLVED");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_identity", Long.class)).isEqualTo(2);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_link", Long.class)).isEqualTo(1);
	}

	private static LookupOutcome.Resolved resolved(ScopedId input, ScopedId other) {
		return new LookupOutcome.Resolved(input, List.of(input, other), Map.of(), "batch#" + input, NOW);
	}

	private LookupOutcome.Blocked blocked() {
		return new LookupOutcome.Blocked(BLOCKED_PAGE_ID, 200, "pending review", NOW, NOW.plusSeconds(3600));
	}

	private static AnsweredPage page(ScopedId id, LookupOutcome outcome) {
		return new AnsweredPage(List.of(new PendingId(id, null, 1)), List.of(outcome));
	}

	private String status(ScopedId id) {
		return jdbc.queryForObject("SELECT status FROM cw_staging WHERE id_key = ?", String.class, id.toString());
	}
}
