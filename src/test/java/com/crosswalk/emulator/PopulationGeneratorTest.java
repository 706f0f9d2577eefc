package com.crosswalk.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import com.crosswalk.graph.BusinessCredentials;
import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;

class PopulationGeneratorTest {

	@TempDir
	Path dir;

	@Test
	void sameSeedWritesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
		GeneratorSpec spec = GeneratorSpec.of(2_000, 3, 4, 11);
		PopulationGenerator.generate(spec, dir.resolve("a"));
		PopulationGenerator.generate(spec, dir.resolve("b"));
		PopulationGenerator.generate(GeneratorSpec.of(2_000, 3, 4, 12), dir.resolve("c"));
		for (String file : List.of(PopulationGenerator.FIXTURE_FILE, PopulationGenerator.CREDENTIALS_FILE,
				PopulationGenerator.INPUT_FILE)) {
			assertThat(Files.mismatch(dir.resolve("a").resolve(file), dir.resolve("b").resolve(file))).isEqualTo(-1);
			assertThat(Files.mismatch(dir.resolve("a").resolve(file), dir.resolve("c").resolve(file))).isNotEqualTo(-1);
		}
	}

	@Test
	void populationHasTheRealisticMix() throws IOException {
		GeneratorSpec spec = new GeneratorSpec(5_000, 3, 4, 5, 0.02, 0.1);
		PopulationGenerator.Summary summary = PopulationGenerator.generate(spec, dir);
		Fixture fixture = Fixture.load(dir.resolve(PopulationGenerator.FIXTURE_FILE));
		assertThat(fixture.personCount()).isEqualTo(5_000);
		assertThat(fixture.scopedIdCount()).isEqualTo(summary.scopedIds());
		String business = summary.businessId();
		assertThat(fixture.appsOf(business)).hasSize(3);
		assertThat(fixture.pagesOf(business)).hasSize(4);

		// every person has at least one ID; some have one, some several
		int single = 0;
		int several = 0;
		for (int i = 0; i < fixture.personCount(); i++) {
			int count = fixture.idsOfPerson(i).size();
			assertThat(count).isPositive();
			single += count == 1 ? 1 : 0;
			several += count > 1 ? 1 : 0;
		}
		assertThat(single).isGreaterThan(500);
		assertThat(several).isGreaterThan(500);

		// the last app and the Pages it manages are under review
		Fixture.App reviewed = fixture.appsOf(business).get(2);
		assertThat(reviewed.review().state()).isEqualTo(Fixture.ReviewState.PENDING);

		List<String> lines = Files.readAllLines(dir.resolve(PopulationGenerator.INPUT_FILE));
		assertThat(lines.get(0)).isEqualTo("customer_id,id_type,scope_id,scoped_id");
		List<String[]> rows = lines.stream().skip(1).map(line -> line.split(",", -1)).toList();
		assertThat((long) rows.size()).isEqualTo(summary.inputRows());
		Map<String, Integer> rowsPerCustomer = new HashMap<>();
		Set<String> distinctRows = new HashSet<>();
		int valid = 0;
		int unknownToGraph = 0;
		int reviewRows = 0;
		int duplicates = 0;
		Set<String> badKinds = new HashSet<>();
		for (String[] row : rows) {
			rowsPerCustomer.merge(row[0], 1, Integer::sum);
			duplicates += distinctRows.add(String.join(",", row)) ? 0 : 1;
			IdType type = IdType.parse(row[1]);
			boolean numeric = row[3].matches("[1-9][0-9]{14,16}");
			if (type == null) {
				badKinds.add("id_type");
				continue;
			}
			if (row[3].isEmpty()) {
				badKinds.add("empty");
				continue;
			}
			if (row[3].contains("E+")) {
				badKinds.add("scientific");
				continue;
			}
			if (!numeric) {
				badKinds.add("non_numeric");
				continue;
			}
			ScopedId id = new ScopedId(type, row[2], row[3]);
			boolean knownScope = type == IdType.PSID ? fixture.page(row[2]).isPresent() : fixture.app(row[2]).isPresent();
			if (!knownScope) {
				badKinds.add("unknown_scope");
				continue;
			}
			String owner = type == IdType.PSID ? fixture.page(row[2]).orElseThrow().businessId()
					: fixture.app(row[2]).orElseThrow().businessId();
			if (!owner.equals(business)) {
				badKinds.add("other_business");
				continue;
			}
			if (fixture.personIndexOf(id).isEmpty()) {
				unknownToGraph++;
				continue;
			}
			valid++;
			boolean underReview = type == IdType.ASID ? row[2].equals(reviewed.id())
					: fixture.page(row[2]).orElseThrow().appId().equals(reviewed.id());
			reviewRows += underReview ? 1 : 0;
		}
		assertThat(badKinds).containsExactlyInAnyOrder("id_type", "empty", "scientific", "non_numeric",
				"unknown_scope", "other_business");
		assertThat(duplicates).isPositive();
		assertThat(unknownToGraph).isPositive();
		assertThat(rowsPerCustomer.values().stream().filter(n -> n > 1).count()).isGreaterThan(500);
		double badShare = (double) summary.badRows() / summary.inputRows();
		assertThat(badShare).isBetween(0.01, 0.04);
		double reviewShare = (double) reviewRows / valid;
		assertThat(reviewShare).isBetween(0.05, 0.2);

		BusinessCredentials credentials = readCredentials(dir.resolve(PopulationGenerator.CREDENTIALS_FILE));
		assertThat(credentials).isEqualTo(fixture.credentialsFor(business));
	}

	private static BusinessCredentials readCredentials(Path file) {
		JsonNode root = GraphTestClient.JSON.readTree(file.toFile());
		List<com.crosswalk.graph.AppCredentials> apps = new java.util.ArrayList<>();
		root.get("apps").forEach(a -> apps.add(new com.crosswalk.graph.AppCredentials(a.get("id").asString(),
				a.get("secret").asString(), a.get("token").asString())));
		List<com.crosswalk.graph.PageCredentials> pages = new java.util.ArrayList<>();
		root.get("pages").forEach(p -> pages.add(new com.crosswalk.graph.PageCredentials(p.get("id").asString(),
				p.get("app_id").asString(), p.get("token").asString())));
		return new BusinessCredentials(root.get("business_id").asString(), apps, pages);
	}
}
