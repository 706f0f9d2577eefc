package com.crosswalk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.sql.Database;
import com.crosswalk.sql.UpsertWriter;
import com.crosswalk.support.TestDatabase;

/**
 * The merge clusters a slice of merge groups at a time: whatever the slice size, the tables it writes are the ones a
 * merge of the whole table in one go writes. The data has what makes grouping hard: persons met again under an older
 * key, keys that come apart, customer_id links across persons and into blocked IDs, chains of keys joined only
 * through several links, guard refusals.
 */
class PersonMergerSlicesTest {

	static final Instant AT = Instant.parse("2026-11-25T00:00:00Z");

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgres" })
	void slicesOfAFewIdentifiersWriteWhatOneSliceForEverythingWrites(String database) {
		Supplier<TestDatabase> fresh = () -> database.equals("h2")
				? TestDatabase.h2(dir.resolve("h2-" + System.nanoTime())).migrated()
				: TestDatabase.postgres().migrated();
		JdbcTemplate whole = fresh.get().jdbc();
		JdbcTemplate sliced = fresh.get().jdbc();
		seed(whole, new Random(17));
		seed(sliced, new Random(17));

		ClusteringStats wholeStats = merger(whole, Integer.MAX_VALUE).merge(2);
		ClusteringStats slicedStats = merger(sliced, 5).merge(2);

		assertThat(slicedStats).isEqualTo(wholeStats);
		assertThat(wholeStats.mergedKeys()).as("keys merged").isPositive();
		assertThat(wholeStats.splits()).as("keys split").isPositive();
		assertThat(wholeStats.customerLinksRefused()).as("customer links refused").isPositive();
		assertThat(wholeStats.persons()).isLessThan(wholeStats.identifiers());
		for (String query : List.of("SELECT id_key, person_key, id_type FROM cw_identity ORDER BY id_key",
				"SELECT person_key, id_count FROM cw_person ORDER BY person_key",
				"SELECT event, from_key, to_key, evidence FROM cw_merge_log ORDER BY event, from_key, to_key",
				"SELECT rule, detail, identifiers FROM cw_guard_violation ORDER BY identifiers, rule, detail")) {
			List<Map<String, Object>> expected = whole.queryForList(query);
			assertThat(sliced.queryForList(query)).as(query).isEqualTo(expected);
		}
		assertThat(whole.queryForObject("SELECT COUNT(*) FROM cw_merge_log", Long.class)).isPositive();
		for (JdbcTemplate jdbc : List.of(whole, sliced)) {
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cw_merge_edge", Long.class)
					+ jdbc.queryForObject("SELECT COUNT(*) FROM cw_merge_label", Long.class)
					+ jdbc.queryForObject("SELECT COUNT(*) FROM cw_merge_hub", Long.class))
				.as("scratch tables emptied")
				.isZero();
		}
	}

	private static PersonMerger merger(JdbcTemplate jdbc, int sliceSize) {
		return new PersonMerger(jdbc, new UpsertWriter(jdbc, Database.of(jdbc)), Clock.fixed(AT, ZoneOffset.UTC),
				MergeGuards.defaults(), sliceSize, Duration.ofHours(1));
	}

	/**
	 * 200 persons of an earlier run (some under keys that now come apart, some whose IDs hold two keys), new IDs
	 * with provisional keys that join old persons, customers across persons, and one long chain.
	 */
	private static void seed(JdbcTemplate jdbc, Random random) {
		List<Object[]> identities = new ArrayList<>();
		List<Object[]> links = new ArrayList<>();
		List<Object[]> persons = new ArrayList<>();
		for (int p = 0; p < 200; p++) {
			String asid = "asid:111:" + (1000 + p);
			String psid = "psid:222:" + (5000 + p);
			String oldKey = String.format("p_old%04d", p / 2 * 2);
			int shape = random.nextInt(6);
			String asidKey = shape == 0 ? null : oldKey;
			String psidKey = switch (shape) {
				case 1 -> String.format("p_other%04d", p);
				case 2 -> String.format("p_new%04d", p);
				default -> asidKey;
			};
			identities.add(identity(asid, asidKey, p));
			identities.add(identity(psid, psidKey, p));
			if (shape != 3) {
				// shape 3: the link that held the person together is gone
				links.add(link(asid, psid, "graph"));
			}
			if (p % 7 == 0) {
				links.add(link("customer::C" + p, asid, "customer"));
				links.add(link("customer::C" + p, "psid:222:" + (5000 + (p + 1) % 200), "customer"));
			}
			if (p % 11 == 0) {
				// a customer that reaches only a blocked ID (never in cw_identity)
				links.add(link("customer::B" + p, "psid:333:" + (9000 + p), "customer"));
			}
			if (p % 13 == 0) {
				// a second ASID of the same app: the guards keep it apart
				String second = "asid:111:" + (3000 + p);
				identities.add(identity(second, String.format("p_new%04d", p), p));
				links.add(link(psid, second, "graph"));
			}
		}
		for (int p = 0; p < 200; p += 2) {
			persons.add(new Object[] { String.format("p_old%04d", p), Timestamp.from(AT.minusSeconds(86_400L * (p % 9 + 1))),
					Timestamp.from(AT.minusSeconds(3600)), 2 });
			persons.add(new Object[] { String.format("p_other%04d", p), Timestamp.from(AT.minusSeconds(86_400L * (p % 5 + 1))),
					Timestamp.from(AT.minusSeconds(3600)), 1 });
		}
		// a chain of new IDs, each with a key of its own, joined link by link: many rounds to settle one group
		for (int c = 0; c < 40; c++) {
			identities.add(identity("psid:444:" + (7000 + c), String.format("p_chain%04d", c), c));
			if (c > 0) {
				links.add(link("psid:444:" + (7000 + c), "psid:444:" + (7000 + c - 1), "graph"));
			}
		}
		jdbc.batchUpdate("INSERT INTO cw_identity (id_key, person_key, id_type, scope_id, scoped_id, first_seen,"
				+ " last_verified, key_assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", identities);
		jdbc.batchUpdate("INSERT INTO cw_link (from_key, to_key, kind, evidence, instance_id, learnt_at)"
				+ " VALUES (?, ?, ?, 'test', 1, ?)", links);
		jdbc.batchUpdate("INSERT INTO cw_person (person_key, created_at, updated_at, id_count) VALUES (?, ?, ?, ?)",
				persons);
	}

	private static Object[] identity(String key, String personKey, int age) {
		Identifier id = Identifier.parse(key);
		Timestamp seen = Timestamp.from(AT.minusSeconds(3600L * (age % 17 + 1)));
		return new Object[] { key, personKey, key.substring(0, 4), id.scopeId(), id.value(), seen, seen,
				personKey == null ? null : seen };
	}

	private static Object[] link(String from, String to, String kind) {
		return new Object[] { from, to, kind, Timestamp.from(AT) };
	}
}
