package com.crosswalk.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.crosswalk.id.ScopedId;

class FixtureTest {

	private static final String WORLD = """
			"businesses":[{"id":"100000000000001","name":"B"}],
			"apps":[{"id":"200000000000001","business_id":"100000000000001","secret":"s","tokens":["t"]}],
			"pages":[{"id":"300000000000001","business_id":"100000000000001","app_id":"200000000000001","token":"p"}]
			""";

	@TempDir
	Path dir;

	private Fixture load(String json) throws IOException {
		Path file = dir.resolve("fixture.json");
		Files.writeString(file, json);
		return Fixture.load(file);
	}

	@Test
	void groundTruthIsKeyedByScopeAndId() throws IOException {
		Fixture fixture = load("{" + WORLD + """
				,"persons":[
				 {"psids":{"300000000000001":"4000000000000001"},"asids":{"200000000000001":"5000000000000001"},
				  "name":"Ann","age_range":{"min":18,"max":20},"is_payment_enabled":true},
				 {"asids":{"200000000000001":"5000000000000002"}}]}
				""");
		assertThat(fixture.personCount()).isEqualTo(2);
		ScopedId psid = ScopedId.psid("300000000000001", "4000000000000001");
		assertThat(fixture.idsOfPersonOwning(psid)).containsExactlyInAnyOrder(psid,
				ScopedId.asid("200000000000001", "5000000000000001"));
		// the same digits in another scope are not the same ID
		assertThat(fixture.idsOfPersonOwning(ScopedId.asid("200000000000001", "4000000000000001"))).isEmpty();
		Fixture.Person ann = fixture.person(0);
		assertThat(ann.name()).isEqualTo("Ann");
		assertThat(ann.ageMin()).isEqualTo(18);
		assertThat(ann.ageMax()).isEqualTo(20);
		assertThat(ann.paymentEnabled()).isTrue();
		assertThat(fixture.person(1).ageMin()).isNull();
		assertThat(fixture.credentialsFor("100000000000001").app("200000000000001").orElseThrow().appToken())
			.isEqualTo("t");
	}

	@Test
	void refusesInconsistentFixtures() {
		assertThatThrownBy(() -> load("{" + WORLD + """
				,"persons":[{"asids":{"200000000000001":"5000000000000001"}},
				            {"psids":{"300000000000001":"5000000000000001"}}]}"""))
			.hasMessageContaining("appears twice");
		assertThatThrownBy(() -> load("{" + WORLD + ",\"persons\":[{\"asids\":{\"999\":\"5000000000000001\"}}]}"))
			.hasMessageContaining("unknown app 999");
		assertThatThrownBy(() -> load("{\"persons\":[]," + WORLD + "}")).hasMessageContaining("before \"persons\"");
		assertThatThrownBy(() -> load("{" + WORLD + ",\"persons\":[{\"name\":\"nobody\"}]}"))
			.hasMessageContaining("no scoped ID");
		assertThatThrownBy(() -> load("{" + WORLD + ",\"persons\":[{\"asids\":{\"200000000000001\":\"1.5E+15\"}}]}"))
			.hasMessageContaining("not a decimal ID");
	}
}
