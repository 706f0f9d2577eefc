package com.crosswalk.identity;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * Carries out a privacy deletion request: every identifier of the person goes from the identity, link, blocked,
 * failed-auth and staging tables, and a tombstone (a hash, not the value) keeps later runs from adding them back.
 */
public class PersonEraser {

	private static final Logger log = LoggerFactory.getLogger(PersonEraser.class);

	private final JdbcTemplate jdbc;

	private final Tombstones tombstones;

	private final Clock clock;

	public PersonEraser(JdbcTemplate jdbc, Tombstones tombstones, Clock clock) {
		this.jdbc = jdbc;
		this.tombstones = tombstones;
		this.clock = clock;
	}

	/** Forgets the person holding this scoped ID (a PSID or ASID, in any scope). */
	@Transactional
	public Erasure forgetScopedId(String scopedId) {
		List<String> keys = jdbc.queryForList(
				"SELECT id_key FROM cw_identity WHERE scoped_id = ? AND id_type IN ('psid', 'asid')", String.class,
				scopedId);
		List<String> staged = jdbc.queryForList("SELECT id_key FROM cw_staging WHERE scoped_id = ?", String.class,
				scopedId);
		return forget(keys.isEmpty() ? staged : keys);
	}

	/** Forgets the person holding this CRM customer key. */
	@Transactional
	public Erasure forgetCustomer(String customerId) {
		return forget(List.of("customer::" + customerId));
	}

	private Erasure forget(List<String> seeds) {
		List<String> persons = seeds.isEmpty() ? List.of()
				: jdbc.queryForList("SELECT DISTINCT person_key FROM cw_identity WHERE person_key IS NOT NULL AND id_key IN ("
						+ placeholders(seeds.size()) + ")", String.class, seeds.toArray());
		Set<String> keys = new LinkedHashSet<>(seeds);
		for (String person : persons) {
			keys.addAll(jdbc.queryForList("SELECT id_key FROM cw_identity WHERE person_key = ?", String.class, person));
		}
		var now = clock.instant();
		for (String key : keys) {
			tombstones.add(key, now);
			jdbc.update("DELETE FROM cw_identity WHERE id_key = ?", key);
			jdbc.update("DELETE FROM cw_link WHERE from_key = ? OR to_key = ?", key, key);
			jdbc.update("DELETE FROM cw_blocked WHERE id_key = ?", key);
			jdbc.update("DELETE FROM cw_failed_auth WHERE id_key = ?", key);
			jdbc.update("UPDATE cw_staging SET status = 'FORGOTTEN', customer_id = NULL WHERE id_key = ?", key);
		}
		for (String person : persons) {
			jdbc.update("DELETE FROM cw_person WHERE person_key = ?", person);
		}
		if (keys.stream().anyMatch(k -> k.startsWith("customer::"))) {
			for (String key : keys) {
				if (key.startsWith("customer::")) {
					jdbc.update("UPDATE cw_staging SET customer_id = NULL WHERE customer_id = ?",
							key.substring("customer::".length()));
					jdbc.update("UPDATE cw_blocked SET customer_id = NULL WHERE customer_id = ?",
							key.substring("customer::".length()));
					jdbc.update("UPDATE cw_reject SET customer_id = NULL WHERE customer_id = ?",
							key.substring("customer::".length()));
				}
			}
		}
		Erasure erasure = new Erasure(persons.size(), keys.size());
		log.info("Privacy deletion: {} person(s), {} identifier(s) removed and tombstoned", erasure.persons(),
				erasure.identifiers());
		return erasure;
	}

	private static String placeholders(int n) {
		return String.join(", ", Collections.nCopies(n, "?"));
	}

	/** How much a deletion removed (counts only: the values themselves are gone). */
	public record Erasure(int persons, int identifiers) {
	}
}
