package com.crosswalk.graph;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import com.crosswalk.id.IdType;

class GraphRequestsTest {

	private final ScopeCredentials page = new ScopeCredentials("EAAB-page-token", "app-secret-123");

	@Test
	void asksBothEdgesWithTheirOwnersAndTheIdTypesProfileFieldsInOneRead() {
		GraphRequests requests = new GraphRequests(GraphClientConfig.custom()
			.edgePageLimit(7)
			.psidProfileFields(List.of("name", "first_name"))
			.asidProfileFields(List.of("name"))
			.build());

		assertThat(requests.initialFields(IdType.PSID, true))
			.isEqualTo("ids_for_apps.limit(7){id,app{id}},ids_for_pages.limit(7){id,page{id}},name,first_name");
		assertThat(requests.initialFields(IdType.ASID, true))
			.isEqualTo("ids_for_apps.limit(7){id,app{id}},ids_for_pages.limit(7){id,page{id}},name");
		assertThat(requests.initialFields(IdType.PSID, false))
			.isEqualTo("ids_for_apps.limit(7){id,app{id}},ids_for_pages.limit(7){id,page{id}}");
		assertThat(requests.continuationFields(null, "QVFI="))
			.isEqualTo("ids_for_pages.limit(7).after(QVFI=){id,page{id}}");
	}

	@Test
	void theOldProfileFieldsSettingAppliesToBothIdTypes() {
		GraphClientConfig config = GraphClientConfig.custom().profileFields("name").build();

		assertThat(config.profileFields(IdType.PSID)).containsExactly("name");
		assertThat(config.profileFields(IdType.ASID)).containsExactly("name");
	}

	@Test
	void everyItemCarriesItsOwnTokenAndProof() {
		GraphRequests requests = new GraphRequests(GraphClientConfig.ofDefaults());

		String url = URLDecoder.decode(requests.relativeUrl("900", "ids_for_apps.limit(100)", page, Instant.EPOCH),
				StandardCharsets.UTF_8);

		assertThat(url).startsWith("900?fields=ids_for_apps.limit(100)&")
			.contains("access_token=EAAB-page-token")
			.contains("appsecret_proof=5178126229f2234e94bdb9674c46f0ece7ea3d50909ad62490d3da036a2a387e");
	}

	@Test
	void idsCannotEscapeTheirPathSegment() {
		GraphRequests requests = new GraphRequests(GraphClientConfig.ofDefaults());

		assertThat(requests.relativeUrl("1/../me", "id", page, Instant.EPOCH)).startsWith("1%2F..%2Fme?");
	}

	@Test
	void packsInOrderIntoBatchesOfAtMostTheSize() {
		List<Integer> items = IntStream.range(0, 101).boxed().toList();

		List<List<Integer>> batches = LookupRun.pack(items, 50);

		assertThat(batches).extracting(List::size).containsExactly(50, 50, 1);
		assertThat(batches.get(2)).containsExactly(100);
		assertThat(LookupRun.pack(items.subList(0, 50), 50)).hasSize(1);
		assertThat(LookupRun.pack(items.subList(0, 51), 50)).hasSize(2);
	}
}
