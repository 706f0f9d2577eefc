package com.crosswalk.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.progress.ProgressMeter;
import com.crosswalk.sql.InList;
import com.crosswalk.sql.Upsert;
import com.crosswalk.sql.UpsertWriter;

/**
 * The merge step: connected components over every link learnt (Graph answers and customer_id rows), written back as
 * stable person keys. Everything is recomputed from the link table, so the step is deterministic and a restart
 * simply does it again; only rows whose key changed are written.
 */
public class PersonMerger {

	private static final Logger log = LoggerFactory.getLogger(PersonMerger.class);

	private static final int WRITE_BATCH = 5_000;

	/** Identifiers clustered at a time: about 10 MB of heap, and few enough statements per slice to write. */
	public static final int DEFAULT_SLICE_SIZE = 100_000;

	private static final Upsert UPSERT_CUSTOMER = Upsert.into("cw_identity")
		.text("id_key", "person_key", "scoped_id")
		.timestamp("at")
		.on("id_key")
		.then("WHEN MATCHED THEN UPDATE SET person_key = s.person_key, key_assigned_at = s.at, last_verified = s.at"
				+ " WHEN NOT MATCHED THEN INSERT (id_key, person_key, id_type, scope_id, scoped_id, first_seen,"
				+ " last_verified, key_assigned_at) VALUES (s.id_key, s.person_key, 'customer', '', s.scoped_id, s.at,"
				+ " s.at, s.at)");

	private static final Upsert REASSIGN = Upsert.into("cw_identity")
		.text("id_key", "person_key")
		.timestamp("at")
		.on("id_key")
		.then("WHEN MATCHED THEN UPDATE SET person_key = s.person_key, key_assigned_at = s.at");

	private static final Upsert UPSERT_PERSON = Upsert.into("cw_person")
		.text("person_key")
		.integer("id_count")
		.timestamp("at")
		.on("person_key")
		.then("WHEN MATCHED THEN UPDATE SET id_count = s.id_count, updated_at = s.at"
				+ " WHEN NOT MATCHED THEN INSERT (person_key, created_at, updated_at, id_count)"
				+ " VALUES (s.person_key, s.at, s.at, s.id_count)");

	private final JdbcTemplate jdbc;

	private final UpsertWriter upserts;

	private final Clock clock;

	private final MergeGuards guards;

	private final MergeGroups groups;

	private final int sliceSize;

	private final Duration progressEvery;

	/**
	 * @param sliceSize identifiers clustered at a time (whole groups: a larger group makes a larger slice)
	 * @param progressEvery how often a progress line is logged
	 */
	public PersonMerger(JdbcTemplate jdbc, UpsertWriter upserts, Clock clock, MergeGuards guards, int sliceSize,
			Duration progressEvery) {
		this.jdbc = jdbc;
		this.upserts = upserts;
		this.clock = clock;
		this.guards = guards;
		this.groups = new MergeGroups(jdbc, upserts.database());
		this.sliceSize = sliceSize;
		this.progressEvery = progressEvery;
	}

	/**
	 * Clusters the identity table a slice of merge groups at a time ({@link MergeGroups}), so the heap holds one
	 * slice, not the table; all in the caller's transaction, so a merge that fails leaves the previous keys as they
	 * were and the rerun does it again.
	 */
	public ClusteringStats merge(long instanceId) {
		Timestamp at = Timestamp.from(clock.instant());
		Long identifiers = jdbc.queryForObject("SELECT COUNT(*) FROM cw_identity", Long.class);
		log.info("merge: grouping {} identifiers", identifiers);
		MergeGroups.Settled settled = groups.settle();
		log.info("merge: {} identifiers link to more than one person key ({} links between keys, grouped in {} rounds)",
				settled.hubs(), settled.edges(), settled.rounds());
		jdbc.update("DELETE FROM cw_merge_log WHERE instance_id = ?", instanceId);
		jdbc.update("DELETE FROM cw_guard_violation WHERE instance_id = ?", instanceId);
		// the rate and ETA of the clustering, not of the grouping before it
		ProgressMeter progress = new ProgressMeter(log, "merge", "identifiers", identifiers, progressEvery);
		Slices slices = new Slices(instanceId, at, progress);
		groups.forEachGroup(slices::add, slices::groupDone);
		slices.flush();
		groups.clear();
		registerKeptProvisionalKeys(at);
		ClusteringStats stats = slices.stats;
		progress.finish(slices.identifiersDone);
		log.info("Merged {} identifiers into {} persons ({} new, {} keys merged, {} splits, {} guard violations)",
				stats.identifiers(), stats.persons(), stats.newPersons(), stats.mergedKeys(), stats.splits(),
				slices.violations);
		return stats;
	}

	/** The groups read so far, clustered and written once they hold a slice's worth of identifiers. */
	private final class Slices {

		private final long instanceId;

		private final Timestamp at;

		private final ProgressMeter progress;

		private LinkClusterer clusterer;

		private String lastIdKey;

		private Identifier lastId;

		/** Rows of the identity table read into this slice and done before it (customers a link names not counted). */
		private int identifiersInSlice;

		private long identifiersDone;

		private int violations;

		private ClusteringStats stats = ClusteringStats.NONE;

		Slices(long instanceId, Timestamp at, ProgressMeter progress) {
			this.instanceId = instanceId;
			this.at = at;
			this.progress = progress;
		}

		void add(MergeGroups.GroupedRow row) {
			if (clusterer == null) {
				clusterer = new LinkClusterer(guards, Math.min(sliceSize, 1 << 20) + 1024);
			}
			if (!row.idKey().equals(lastIdKey)) {
				lastIdKey = row.idKey();
				lastId = Identifier.parse(row.idKey());
				if (row.personKey() == null) {
					clusterer.addIdentifier(lastId);
				}
				else {
					clusterer.addExistingAssignment(lastId, row.personKey(), row.keyCreatedAt());
				}
				identifiersInSlice++;
			}
			if (row.linkFrom() != null) {
				clusterer.addLink(Identifier.parse(row.linkFrom()), lastId, LinkKind.of(row.linkKind()));
			}
		}

		void groupDone() {
			if (identifiersInSlice >= sliceSize) {
				flush();
			}
		}

		void flush() {
			if (clusterer == null) {
				return;
			}
			ClusteringResult result = clusterer.cluster();
			clusterer = null;
			Set<String> touchedKeys = writeAssignments(result, at);
			writeEvents(instanceId, result, at, violations);
			writePersons(result, touchedKeys, at);
			violations += result.violations().size();
			stats = stats.plus(result.stats());
			identifiersDone += identifiersInSlice;
			identifiersInSlice = 0;
			progress.update(identifiersDone);
		}
	}

	/** Writes changed keys; returns every key that gained or lost an identifier. */
	private Set<String> writeAssignments(ClusteringResult result, Timestamp at) {
		Set<String> touched = new HashSet<>();
		List<Object[]> updates = new ArrayList<>();
		List<Object[]> customers = new ArrayList<>();
		result.assignments().filter(Assignment::changed).forEach(a -> {
			touched.add(a.personKey());
			if (a.previousKey() != null) {
				touched.add(a.previousKey());
			}
			if (a.identifier().isCustomer()) {
				customers.add(new Object[] { a.identifier().canonical(), a.personKey(), a.identifier().value(), at });
			}
			else {
				updates.add(new Object[] { a.identifier().canonical(), a.personKey(), at });
			}
			if (updates.size() >= WRITE_BATCH) {
				upsert(REASSIGN, updates);
			}
			if (customers.size() >= WRITE_BATCH) {
				upsert(UPSERT_CUSTOMER, customers);
			}
		});
		upsert(REASSIGN, updates);
		upsert(UPSERT_CUSTOMER, customers);
		return touched;
	}

	private void writePersons(ClusteringResult result, Set<String> touchedKeys, Timestamp at) {
		List<Object[]> persons = new ArrayList<>();
		result.persons().filter(p -> touchedKeys.contains(p.key())).forEach(p -> {
			persons.add(new Object[] { p.key(), p.identifiers().size(), at });
			if (persons.size() >= WRITE_BATCH) {
				upsert(UPSERT_PERSON, persons);
			}
		});
		upsert(UPSERT_PERSON, persons);
	}

	/**
	 * Persons whose provisional key (given at lookup) the merge kept are registered here, in one statement, and
	 * persons left without identifiers go.
	 */
	private void registerKeptProvisionalKeys(Timestamp at) {
		jdbc.update("INSERT INTO cw_person (person_key, created_at, updated_at, id_count) SELECT i.person_key,"
				+ " MIN(i.key_assigned_at), ?, COUNT(*) FROM cw_identity i WHERE i.person_key IS NOT NULL AND NOT EXISTS"
				+ " (SELECT 1 FROM cw_person p WHERE p.person_key = i.person_key) GROUP BY i.person_key", at);
		jdbc.update("DELETE FROM cw_person WHERE NOT EXISTS (SELECT 1 FROM cw_identity i"
				+ " WHERE i.person_key = cw_person.person_key)");
	}

	/**
	 * The merge log records what happened to persons that existed: a provisional key (given at lookup to
	 * identifiers new in this run, never registered in {@code cw_person}) that yields to an older one is no merge.
	 */
	private void writeEvents(long instanceId, ClusteringResult result, Timestamp at, int firstOrdinal) {
		String insert = "INSERT INTO cw_merge_log (instance_id, event, from_key, to_key, evidence, merged_at)"
				+ " VALUES (?, ?, ?, ?, ?, ?)";
		Set<String> registered = registeredKeys(Stream.concat(result.mergeEvents().stream().map(MergeEvent::fromKey),
				result.splitEvents().stream().map(SplitEvent::fromKey)).collect(Collectors.toSet()));
		jdbc.batchUpdate(insert, result.mergeEvents().stream()
			.filter(m -> registered.contains(m.fromKey()))
			.map(m -> new Object[] { instanceId, "MERGE", m.fromKey(), m.toKey(),
					truncate(m.reason().name().toLowerCase() + " link: " + m.evidence(), 1000), at })
			.toList());
		jdbc.batchUpdate(insert, result.splitEvents().stream()
			.filter(split -> registered.contains(split.fromKey()))
			.map(s -> new Object[] { instanceId, "SPLIT", s.fromKey(), s.toKey(),
					truncate(s.identifiersMoved() + " identifier(s) moved, e.g. " + s.example(), 1000), at })
			.toList());
		List<Object[]> violations = new ArrayList<>();
		List<GuardViolation> all = result.violations();
		for (int i = 0; i < all.size(); i++) {
			GuardViolation v = all.get(i);
			violations.add(new Object[] { instanceId, firstOrdinal + i, v.rule().name(), truncate(v.detail(), 2000), truncate(
					v.identifiers().stream().map(Identifier::canonical).collect(Collectors.joining(" ")), 4000) });
		}
		jdbc.batchUpdate("INSERT INTO cw_guard_violation (instance_id, ordinal, rule, detail, identifiers)"
				+ " VALUES (?, ?, ?, ?, ?)", violations);
	}

	private Set<String> registeredKeys(Set<String> keys) {
		return InList.select(jdbc, "SELECT person_key FROM cw_person WHERE person_key IN", keys);
	}

	private void upsert(Upsert upsert, List<Object[]> rows) {
		upserts.write(upsert, rows);
		rows.clear();
	}

	private static String truncate(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}
}
