package com.crosswalk.lookup;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.id.IdType;

/**
 * The scopes (apps and Pages) pending ID Matching review, as the database keeps them. When a scope is due for its
 * next probe is derived, never stored: when it was last blocked plus {@code crosswalk.graph.review-retry-after} as
 * configured now, so a shorter setting takes effect on the next run.
 */
public class BlockedScopes {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Duration reviewRetryAfter;

	public BlockedScopes(JdbcTemplate jdbc, Clock clock, Duration reviewRetryAfter) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.reviewRetryAfter = reviewRetryAfter;
	}

	/** Every blocked scope, the first due first. */
	public List<BlockedScope> all() {
		return jdbc.query("SELECT s.scope_id, s.id_type, s.message, s.first_blocked_at, s.last_blocked_at,"
				+ " s.instance_id, (SELECT COUNT(*) FROM cw_blocked b WHERE b.scope_id = s.scope_id)"
				+ " FROM cw_blocked_scope s ORDER BY s.last_blocked_at, s.scope_id",
				(rs, i) -> {
					Instant lastBlocked = rs.getTimestamp(5).toInstant();
					long instance = rs.getLong(6);
					return new BlockedScope(rs.getString(1), IdType.parse(rs.getString(2)), rs.getString(3),
							rs.getTimestamp(4).toInstant(), lastBlocked, rs.wasNull() ? null : instance,
							lastBlocked.plus(reviewRetryAfter), rs.getLong(7));
				});
	}

	/** The blocked scopes whose next probe is due now. */
	public List<BlockedScope> due() {
		Instant now = clock.instant();
		return all().stream().filter(scope -> !scope.due().isAfter(now)).toList();
	}

	/**
	 * The per-ID report rows carry their scope's next probe time, derived as of now: a run's own #200 answers say
	 * "now + review-retry-after", which is not the scope's time when a re-check met a review that started earlier.
	 */
	public void refreshReportedDue(Collection<String> scopeIds) {
		for (BlockedScope scope : all()) {
			if (scopeIds.contains(scope.scopeId())) {
				Timestamp due = Timestamp.from(scope.due());
				jdbc.update("UPDATE cw_blocked SET retry_after = ? WHERE scope_id = ? AND retry_after <> ?", due,
						scope.scopeId(), due);
			}
		}
	}

	/**
	 * One scope pending review.
	 *
	 * @param lastBlockedAt when the review clock last started: the first #200, or a due probe that met #200 again
	 * @param lastInstanceId the run that last met the scope under review (null for rows from before V6)
	 * @param due when its next probe is due (lastBlockedAt + review-retry-after as configured now)
	 * @param idsWaiting IDs in the blocked report waiting for it
	 */
	public record BlockedScope(String scopeId, IdType idType, String message, Instant firstBlockedAt,
			Instant lastBlockedAt, Long lastInstanceId, Instant due, long idsWaiting) {

		/** "app" or "Page", as the scope's IDs are ASIDs or PSIDs. */
		public String kind() {
			return idType == IdType.ASID ? "app" : "Page";
		}
	}
}
