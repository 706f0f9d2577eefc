package com.crosswalk.emulator;

import static com.crosswalk.emulator.SampleWorld.BUSINESS;
import static com.crosswalk.emulator.SampleWorld.CLUB;
import static com.crosswalk.emulator.SampleWorld.FIXTURE;
import static com.crosswalk.emulator.SampleWorld.OTHER_BUSINESS;
import static com.crosswalk.emulator.SampleWorld.REWARDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;

/** The hand-written sample keeps the shape the demo and other tests rely on. */
class SampleDataTest {

	@Test
	void fixtureHasTwoBusinessesWithTheirAssets() {
		assertThat(FIXTURE.businesses()).hasSize(2);
		assertThat(FIXTURE.appsOf(BUSINESS)).hasSize(2);
		assertThat(FIXTURE.pagesOf(BUSINESS)).hasSize(3);
		assertThat(FIXTURE.appsOf(OTHER_BUSINESS)).hasSize(1);
		assertThat(FIXTURE.pagesOf(OTHER_BUSINESS)).hasSize(1);
		// the demo's first call for it starts its review, as Graph's does
		assertThat(REWARDS.review().state()).isEqualTo(Fixture.ReviewState.NOT_REQUESTED);
		assertThat(FIXTURE.personCount()).isBetween(40, 50);
	}

	@Test
	void customersCsvMixesGoodRowsWithEachKindOfBadRow() throws IOException {
		List<String> lines = Files.readAllLines(Path.of("sample-data/customers.csv"));
		assertThat(lines.get(0)).isEqualTo("customer_id,id_type,scope_id,scoped_id");
		int good = 0;
		int underReview = 0;
		Set<String> kinds = new HashSet<>();
		Set<String> seen = new HashSet<>();
		for (String line : lines.subList(1, lines.size())) {
			String[] row = line.split(",", -1);
			if (!seen.add(line)) {
				kinds.add("duplicate");
				continue;
			}
			IdType type = IdType.parse(row[1]);
			if (type == null) {
				kinds.add("bad id_type");
			}
			else if (row[3].isEmpty()) {
				kinds.add("empty");
			}
			else if (row[3].contains("E+")) {
				kinds.add("scientific");
			}
			else if (!row[3].matches("\\d+")) {
				kinds.add("non-numeric");
			}
			else if (FIXTURE.page(row[2]).isEmpty() && FIXTURE.app(row[2]).isEmpty()) {
				kinds.add("unknown page");
			}
			else if (type == IdType.PSID && !FIXTURE.page(row[2]).orElseThrow().businessId().equals(BUSINESS)) {
				kinds.add("other business");
			}
			else if (FIXTURE.personIndexOf(new ScopedId(type, row[2], row[3])).isEmpty()) {
				kinds.add("unknown to graph");
			}
			else {
				good++;
				underReview += row[2].equals(REWARDS.id()) || row[2].equals(CLUB.id()) ? 1 : 0;
			}
		}
		assertThat(kinds).containsExactlyInAnyOrder("duplicate", "bad id_type", "empty", "scientific",
				"non-numeric", "unknown page", "other business", "unknown to graph");
		assertThat(good).isBetween(70, 90);
		assertThat(underReview).isPositive();
	}
}
