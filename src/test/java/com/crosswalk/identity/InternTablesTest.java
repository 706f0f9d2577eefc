package com.crosswalk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class InternTablesTest {

	@Test
	void identifierTableInternsAndOrdersCanonicallyAcrossGrowth() {
		List<Identifier> ids = new ArrayList<>();
		for (int i = 1; i <= 5000; i++) {
			ids.add(Identifier.psid(String.valueOf(200 + i % 7), String.valueOf(i * 31L)));
			ids.add(Identifier.asid(String.valueOf(100 + i % 3), String.valueOf(i)));
			ids.add(Identifier.customer("C" + (i * 17 % 1000)));
		}
		Collections.shuffle(ids, new Random(7));
		IdentifierTable table = new IdentifierTable(16);
		for (Identifier id : ids) {
			assertThat(table.get(table.intern(id))).isEqualTo(id);
		}
		List<Identifier> distinct = ids.stream().distinct().sorted().toList();
		assertThat(table.size()).isEqualTo(distinct.size());
		assertThat(Arrays.stream(table.canonicalOrder()).mapToObj(table::get).toList()).isEqualTo(distinct);
		assertThat(table.indexOf(Identifier.customer("nobody"))).isEqualTo(-1);
		assertThat(table.indexOf(Identifier.psid("999", "1"))).isEqualTo(-1);
	}

	@Test
	void personKeyTableStoresOwnKeysAsCodesAndOthersAsText() {
		PersonKeyTable keys = new PersonKeyTable(2);
		Instant t = Instant.parse("2025-01-01T00:00:00Z");
		int own = keys.intern("p_00000000000000ff", t);
		int foreign = keys.intern("legacy-42", t.minusSeconds(1));
		int upper = keys.intern("p_00000000000000FF", t);
		for (int i = 0; i < 100; i++) {
			keys.intern("p_" + String.format("%016x", i * 977L), t);
		}
		assertThat(keys.indexOf("p_00000000000000ff")).isEqualTo(own);
		assertThat(keys.get(own)).isEqualTo("p_00000000000000ff");
		assertThat(keys.get(upper)).isEqualTo("p_00000000000000FF");
		assertThat(upper).isNotEqualTo(own);
		assertThat(keys.compareAge(foreign, own)).isNegative();
		keys.intern("p_00000000000000ff", t.minusSeconds(5));
		assertThat(keys.compareAge(own, foreign)).as("the older creation time is kept").isNegative();
		assertThat(PersonKeyTable.codeOf("p_ffffffffffffffff")).isEqualTo(-1L);
	}

	@Test
	void indexSortIsStable() {
		int[] values = { 3, 1, 3, 2, 1, 3 };
		int[] indexes = { 0, 1, 2, 3, 4, 5 };
		IndexSort.sort(indexes, (a, b) -> Integer.compare(values[a], values[b]));
		assertThat(indexes).containsExactly(1, 4, 3, 0, 2, 5);
	}

	@Test
	void stringTableKeepsTextAcrossGrowth() {
		StringTable table = new StringTable(1);
		for (int i = 0; i < 3000; i++) {
			assertThat(table.intern("value-" + i + "-é")).isEqualTo(i);
		}
		assertThat(table.intern("value-7-é")).isEqualTo(7);
		assertThat(table.get(2999)).isEqualTo("value-2999-é");
		assertThat(table.indexOf("value-3000-é")).isEqualTo(-1);
	}
}
