package com.crosswalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.lookup.BlockedScopes;
import com.crosswalk.support.TestDatabase;

class WaitingScopesSectionTest {

	private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

	@TempDir
	Path dir;

	@Test
	void listsBlockedScopesWithTheirNextProbeAndFailedAuthScopes() {
		JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.h2(dir).migrated().dataSource());
		Timestamp yesterday = Timestamp.from(NOW.minus(Duration.ofHours(24)));
		Timestamp threeDaysAgo = Timestamp.from(NOW.minus(Duration.ofHours(72)));
		jdbc.update("INSERT INTO cw_blocked_scope (scope_id, id_type, message, first_blocked_at, last_blocked_at,"
				+ " instance_id) VALUES ('111', 'asid', '(#200) under review', ?, ?, 1)", threeDaysAgo, yesterday);
		jdbc.update("INSERT INTO cw_blocked_scope (scope_id, id_type, message, first_blocked_at, last_blocked_at,"
				+ " instance_id) VALUES ('222', 'psid', '(#200) under review', ?, ?, 1)", threeDaysAgo, threeDaysAgo);
		for (String id : new String[] { "1", "2" }) {
			jdbc.update("INSERT INTO cw_blocked (id_key, id_type, scope_id, scoped_id, code, message, first_blocked_at,"
					+ " last_blocked_at, retry_after, instance_id) VALUES (?, 'asid', '111', ?, 200, 'm', ?, ?, ?, 1)",
					"asid:111:" + id, id, yesterday, yesterday, yesterday);
		}
		for (String id : new String[] { "7", "8", "9" }) {
			jdbc.update("INSERT INTO cw_failed_auth (id_key, id_type, scope_id, scoped_id, code, subcode, message,"
					+ " failed_at, instance_id) VALUES (?, 'psid', '333', ?, 190, 463, 'Error validating access token',"
					+ " ?, 1)", "psid:333:" + id, id, yesterday);
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		WaitingScopesSection.print(jdbc, new BlockedScopes(jdbc, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(48)),
				Duration.ofHours(48), NOW, new PrintStream(bytes, true, StandardCharsets.UTF_8));

		String out = bytes.toString(StandardCharsets.UTF_8);
		assertThat(out).contains("Blocked pending ID Matching review: 2 scope(s), 2 IDs waiting")
			.containsPattern("(?m)^  222 +Page +2026-12-02 12:00:00 +0  due: next run +\\(#200\\) under review$")
			.containsPattern("(?m)^  111 +app +2026-12-02 12:00:00 +2  2026-12-06 12:00:00 +\\(#200\\) under review$")
			.contains("--recheck-blocked 222,111 (those named)")
			.contains("Failed authentication: 1 scope(s), 3 IDs waiting")
			.containsPattern("(?m)^  333 +Page +2026-12-04 12:00:00 +3  2026-12-04 12:00:00 +Error validating access token$");
	}
}
