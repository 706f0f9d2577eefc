package com.crosswalk.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import com.crosswalk.sql.InList;

/**
 * Carries out a privacy deletion request: every identifier of the person goes from every Crosswalk table that can
 * hold it (identity, links, blocked, failed-auth, staging, rejects, merge log, guard violations), and a tombstone
 * (a hash, not the value) keeps later runs from adding them back from input rows or Graph answers.
 */
public class PersonEraser {

	private static final Logger log = LoggerFactory.getLogger(PersonEraser.class);

	private static final String CUSTOMER_PREFIX = "customer::";

	/** The reports that name IDs Crosswalk could not resolve, each keyed by the ID and holding its customer. */
	private static final List<String> ID_REPORTS = List.of("cw_blocked", "cw_failed_auth", "cw_permission_denied");

	private final JdbcTemplate jdbc;

	private final Tombstones tombstones;

	private final Clock clock;

	public PersonEraser(JdbcTemplate jdbc, Tombstones tombstones, Clock clock) {
		this.jdbc = jdbc;
		this.tombstones = tombstones;
		this.clock = clock;
	}

	/**
	 * Forgets the person holding this scoped ID (a PSID or ASID, in any scope), or the ID alone when Crosswalk never
	 * resolved it to a person (blocked, failed auth, refused by Graph).
	 */
	@Transactional
	public Erasure forgetScopedId(String scopedId) {
		Set<String> seeds = new LinkedHashSet<>();
		seeds.addAll(jdbc.queryForList("SELECT id_key FROM cw_identity WHERE scoped_id = ? AND id_type IN ('psid', 'asid')",
				String.class, scopedId));
		seeds.addAll(jdbc.queryForList("SELECT id_key FROM cw_staging WHERE scoped_id = ?", String.class, scopedId));
		for (String report : ID_REPORTS) {
			seeds.addAll(jdbc.queryForList("SELECT id_key FROM " + report + " WHERE scoped_id = ?", String.class,
					scopedId));
		}
		seeds.addAll(jdbc.queryForList("SELECT position FROM cw_reject WHERE stage = 'LOOKUP' AND raw_value = ?",
				String.class, scopedId));
		return forget(seeds);
	}

	/** Forgets the person holding this CRM customer key, and every ID the input gave that customer. */
	@Transactional
	public Erasure forgetCustomer(String customerId) {
		Set<String> seeds = new LinkedHashSet<>();
		String customerKey = CUSTOMER_PREFIX + customerId;
		if (count("SELECT COUNT(*) FROM cw_identity WHERE id_key = ?", customerKey) > 0
				|| count("SELECT COUNT(*) FROM cw_link WHERE from_key = ?", customerKey) > 0) {
			seeds.add(customerKey);
		}
		seeds.addAll(jdbc.queryForList("SELECT to_key FROM cw_link WHERE from_key = ?", String.class, customerKey));
		seeds.addAll(jdbc.queryForList("SELECT id_key FROM cw_staging WHERE customer_id = ?", String.class, customerId));
		for (String report : ID_REPORTS) {
			seeds.addAll(jdbc.queryForList("SELECT id_key FROM " + report + " WHERE customer_id = ?", String.class,
					customerId));
		}
		seeds.addAll(jdbc.queryForList("SELECT position FROM cw_reject WHERE stage = 'LOOKUP' AND customer_id = ?",
				String.class, customerId));
		if (!seeds.isEmpty()) {
			// even when only its IDs were known, the customer key itself is tombstoned
			seeds.add(customerKey);
		}
		return forget(seeds);
	}

	private Erasure forget(Set<String> seeds) {
		if (seeds.isEmpty()) {
			return new Erasure(0, 0, List.of());
		}
		Set<String> persons = InList.select(jdbc,
				"SELECT DISTINCT person_key FROM cw_identity WHERE person_key IS NOT NULL AND id_key IN", seeds);
		Set<String> keys = new LinkedHashSet<>(seeds);
		for (String person : persons) {
			keys.addAll(jdbc.queryForList("SELECT id_key FROM cw_identity WHERE person_key = ?", String.class, person));
		}
		Instant now = clock.instant();
		for (String key : keys) {
			tombstones.add(key, now);
			erase(key);
		}
		for (String person : persons) {
			jdbc.update("DELETE FROM cw_person WHERE person_key = ?", person);
			// a deleted person has no history: the log's evidence names its identifiers
			jdbc.update("DELETE FROM cw_merge_log WHERE from_key = ? OR to_key = ?", person, person);
		}
		Erasure erasure = new Erasure(persons.size(), keys.size(), List.copyOf(keys));
		log.info("Privacy deletion: {} person(s), {} identifier(s) removed and tombstoned", erasure.persons(),
				erasure.identifiers());
		return erasure;
	}

	private void erase(String key) {
		jdbc.update("DELETE FROM cw_identity WHERE id_key = ?", key);
		jdbc.update("DELETE FROM cw_link WHERE from_key = ? OR to_key = ?", key, key);
		for (String report : ID_REPORTS) {
			jdbc.update("DELETE FROM " + report + " WHERE id_key = ?", key);
		}
		jdbc.update("DELETE FROM cw_staging WHERE id_key = ?", key);
		jdbc.update("DELETE FROM cw_reject WHERE stage = 'LOOKUP' AND position = ?", key);
		String contains = "%" + likeEscaped(key) + "%";
		jdbc.update("DELETE FROM cw_merge_log WHERE evidence LIKE ? ESCAPE '\\'", contains);
		jdbc.update("DELETE FROM cw_guard_violation WHERE identifiers LIKE ? ESCAPE '\\' OR detail LIKE ? ESCAPE '\\'",
				contains, contains);
		if (key.startsWith(CUSTOMER_PREFIX)) {
			String customerId = key.substring(CUSTOMER_PREFIX.length());
			jdbc.update("UPDATE cw_staging SET customer_id = NULL WHERE customer_id = ?", customerId);
			for (String report : ID_REPORTS) {
				jdbc.update("UPDATE " + report + " SET customer_id = NULL WHERE customer_id = ?", customerId);
			}
			jdbc.update("UPDATE cw_reject SET customer_id = NULL WHERE customer_id = ?", customerId);
			jdbc.update("DELETE FROM cw_reject WHERE stage = 'INPUT' AND field = 'customer_id' AND raw_value = ?",
					customerId);
		}
	}

	private long count(String sql, Object... args) {
		Long n = jdbc.queryForObject(sql, Long.class, args);
		return n == null ? 0 : n;
	}

	private static String likeEscaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * How much a deletion removed. {@code keys} holds the deleted identifiers so the caller can scrub files it
	 * manages; it is never logged, and {@link #toString()} shows counts only.
	 */
	public record Erasure(int persons, int identifiers, List<String> keys) {

		@Override
		public String toString() {
			return "Erasure[persons=" + persons + ", identifiers=" + identifiers + "]";
		}
	}
}
