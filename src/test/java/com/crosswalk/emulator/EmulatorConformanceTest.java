package com.crosswalk.emulator;

import com.crosswalk.support.MutableClock;
import static com.crosswalk.emulator.GraphTestClient.auth;
import static com.crosswalk.emulator.GraphTestClient.proof;
import static com.crosswalk.emulator.GraphTestClient.with;
import static com.crosswalk.emulator.SampleWorld.BIKES;
import static com.crosswalk.emulator.SampleWorld.BUSINESS;
import static com.crosswalk.emulator.SampleWorld.CLUB;
import static com.crosswalk.emulator.SampleWorld.FIXTURE;
import static com.crosswalk.emulator.SampleWorld.OTHER_BUSINESS;
import static com.crosswalk.emulator.SampleWorld.OUTDOOR;
import static com.crosswalk.emulator.SampleWorld.REWARDS;
import static com.crosswalk.emulator.SampleWorld.RIDE;
import static com.crosswalk.emulator.SampleWorld.SHOP;
import static com.crosswalk.emulator.SampleWorld.SUPPORT;
import static com.crosswalk.emulator.SampleWorld.appAuth;
import static com.crosswalk.emulator.SampleWorld.has;
import static com.crosswalk.emulator.SampleWorld.idIn;
import static com.crosswalk.emulator.SampleWorld.lacks;
import static com.crosswalk.emulator.SampleWorld.ofBusiness;
import static com.crosswalk.emulator.SampleWorld.pageAuth;
import static com.crosswalk.emulator.SampleWorld.person;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.crosswalk.emulator.GraphTestClient.Answer;
import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;

/** One test per Graph API rule the emulator implements (reference §2-§8); plain HTTP with the JDK client. */
class EmulatorConformanceTest {

	static final String V = "/v26.0";

	static MutableClock clock = new MutableClock(Instant.parse("2026-09-01T10:00:00Z"));

	static GraphEmulator emulator;

	static GraphTestClient client;

	@BeforeAll
	static void start() {
		emulator = GraphEmulator.start(FIXTURE, EmulatorConfig.custom().clock(clock).build());
		client = new GraphTestClient(emulator.baseUrl());
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	static Set<String> ids(JsonNode edge) {
		Set<String> result = new java.util.HashSet<>();
		edge.get("data").forEach(item -> result.add(item.get("id").asString()));
		return result;
	}

	static Set<String> idStrings(List<ScopedId> ids) {
		return ids.stream().map(ScopedId::id).collect(Collectors.toSet());
	}

	// ---- paths, parameters, tokens in headers ----

	@Test
	void versionedAndUnversionedPathsAreServed() {
		List<ScopedId> p = person(has(OUTDOOR.id()));
		String psid = idIn(p, OUTDOOR.id()).id();
		Answer versioned = client.get(V + "/" + psid + "/ids_for_apps", pageAuth(OUTDOOR));
		Answer unversioned = client.get("/" + psid + "/ids_for_apps", pageAuth(OUTDOOR));
		assertThat(versioned.status()).isEqualTo(200);
		assertThat(unversioned.status()).isEqualTo(200);
		assertThat(ids(unversioned.json())).isEqualTo(ids(versioned.json()));
		assertThat(versioned.header("facebook-api-version")).isEqualTo("v26.0");
	}

	@Test
	void postFormParametersWorkLikeQueryParameters() {
		String psid = idIn(person(has(OUTDOOR.id())), OUTDOOR.id()).id();
		Answer viaGet = client.get(V + "/" + psid + "/ids_for_pages", pageAuth(OUTDOOR));
		Answer viaPost = client.post(V + "/" + psid + "/ids_for_pages", pageAuth(OUTDOOR));
		assertThat(viaPost.status()).isEqualTo(200);
		assertThat(viaPost.json().get("data")).isEqualTo(viaGet.json().get("data"));
	}

	@Test
	void bearerAuthorizationHeaderIsAccepted() {
		String asid = idIn(person(has(SHOP.id())), SHOP.id()).id();
		String token = SHOP.primaryToken();
		Answer answer = client.getWithBearer(V + "/" + asid + "/ids_for_pages", token,
				Map.of("appsecret_proof", proof(token, SHOP.secret())));
		assertThat(answer.status()).isEqualTo(200);
	}

	// ---- the two edges ----

	@Test
	void idsForAppsFromPsidReturnsTheAsidsOfTheBusinessApps() {
		List<ScopedId> p = person(has(OUTDOOR.id()).and(has(SHOP.id())));
		Answer answer = client.get(V + "/" + idIn(p, OUTDOOR.id()).id() + "/ids_for_apps", pageAuth(OUTDOOR));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(ids(answer.json())).isEqualTo(idStrings(ofBusiness(p, IdType.ASID)));
	}

	@Test
	void idsForPagesFromAsidReturnsThePsidsOfTheBusinessPages() {
		List<ScopedId> p = person(has(SHOP.id()).and(has(SUPPORT.id())));
		Answer answer = client.get(V + "/" + idIn(p, SHOP.id()).id() + "/ids_for_pages", appAuth(SHOP));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(ids(answer.json())).isEqualTo(idStrings(ofBusiness(p, IdType.PSID)));
	}

	@Test
	void appAndPageParametersFilterToOneAsset() {
		List<ScopedId> p = person(has(SHOP.id()).and(has(OUTDOOR.id())).and(has(SUPPORT.id())));
		String asid = idIn(p, SHOP.id()).id();
		Answer filtered = client.get(V + "/" + asid + "/ids_for_pages", with(appAuth(SHOP), "page", SUPPORT.id()));
		assertThat(ids(filtered.json())).containsExactly(idIn(p, SUPPORT.id()).id());
		Answer apps = client.get(V + "/" + asid + "/ids_for_apps", with(appAuth(SHOP), "app", SHOP.id()));
		assertThat(ids(apps.json())).containsExactly(asid);
	}

	@Test
	void edgeItemsCarryTheAppOrPageObject() {
		List<ScopedId> p = person(has(SHOP.id()).and(has(OUTDOOR.id())));
		JsonNode appItem = client.get(V + "/" + idIn(p, OUTDOOR.id()).id() + "/ids_for_apps",
				with(pageAuth(OUTDOOR), "app", SHOP.id())).json().get("data").get(0);
		assertThat(appItem.get("id").asString()).isEqualTo(idIn(p, SHOP.id()).id());
		JsonNode app = appItem.get("app");
		assertThat(app.get("id").asString()).isEqualTo(SHOP.id());
		assertThat(app.get("name").asString()).isEqualTo(SHOP.name());
		assertThat(app.get("link").asString()).isEqualTo(SHOP.link());
		assertThat(app.get("category").asString()).isEqualTo(SHOP.category());
		assertThat(app.get("namespace").asString()).isEqualTo(SHOP.namespace());
		JsonNode pageItem = client.get(V + "/" + idIn(p, SHOP.id()).id() + "/ids_for_pages",
				with(appAuth(SHOP), "page", OUTDOOR.id())).json().get("data").get(0);
		JsonNode page = pageItem.get("page");
		assertThat(pageItem.get("id").asString()).isEqualTo(idIn(p, OUTDOOR.id()).id());
		assertThat(page.get("id").asString()).isEqualTo(OUTDOOR.id());
		assertThat(page.get("name").asString()).isEqualTo(OUTDOOR.name());
		assertThat(page.get("link").asString()).isEqualTo(OUTDOOR.link());
		assertThat(page.get("category").asString()).isEqualTo(OUTDOOR.category());
	}

	@Test
	void edgeSubfieldSelectionNarrowsItems() {
		List<ScopedId> p = person(has(SHOP.id()).and(has(OUTDOOR.id())));
		JsonNode item = client.get(V + "/" + idIn(p, OUTDOOR.id()).id() + "/ids_for_apps",
				with(pageAuth(OUTDOOR), "app", SHOP.id(), "fields", "id,app{id,name}")).json().get("data").get(0);
		assertThat(item.get("app").propertyNames()).containsExactlyInAnyOrder("id", "name");
	}

	@Test
	void resultsOnlyContainAssetsOfTheTokensBusiness() {
		List<ScopedId> p = person(has(SHOP.id()).and(has(RIDE.id())).and(has(BIKES.id())));
		Answer apps = client.get(V + "/" + idIn(p, SHOP.id()).id() + "/ids_for_apps", appAuth(SHOP));
		assertThat(ids(apps.json())).doesNotContain(idIn(p, RIDE.id()).id());
		Answer pages = client.get(V + "/" + idIn(p, SHOP.id()).id() + "/ids_for_pages", appAuth(SHOP));
		assertThat(ids(pages.json())).doesNotContain(idIn(p, BIKES.id()).id());
		Answer otherSide = client.get(V + "/" + idIn(p, BIKES.id()).id() + "/ids_for_apps", pageAuth(BIKES));
		assertThat(ids(otherSide.json())).containsExactly(idIn(p, RIDE.id()).id());
	}

	@Test
	void ownAssetIsIncludedByDefaultAndCanBeLeftOut() {
		List<ScopedId> p = person(has(SHOP.id()));
		String asid = idIn(p, SHOP.id()).id();
		assertThat(ids(client.get(V + "/" + asid + "/ids_for_apps", appAuth(SHOP)).json())).contains(asid);
		try (GraphEmulator strict = GraphEmulator.start(FIXTURE,
				EmulatorConfig.custom().includeOwnAsset(false).build())) {
			Answer answer = new GraphTestClient(strict.baseUrl()).get(V + "/" + asid + "/ids_for_apps",
					appAuth(SHOP));
			assertThat(ids(answer.json())).doesNotContain(asid);
		}
	}

	@Test
	void noMatchIsAnEmptyDataList() {
		List<ScopedId> p = person(has(OUTDOOR.id()).and(lacks(SHOP.id())).and(lacks(REWARDS.id())));
		Answer answer = client.get(V + "/" + idIn(p, OUTDOOR.id()).id() + "/ids_for_apps", pageAuth(OUTDOOR));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("data").isEmpty()).isTrue();
		assertThat(answer.json().has("paging")).isFalse();
	}

	// ---- user node and field expansion ----

	@Test
	void userNodeServesProfileFields() {
		int index = FIXTURE.personIndexOf(idIn(person(has(SHOP.id())), SHOP.id())).getAsInt();
		Fixture.Person expected = FIXTURE.person(index);
		String asid = idIn(expected.ids(), SHOP.id()).id();
		JsonNode node = client.get(V + "/" + asid,
				with(appAuth(SHOP), "fields", "id,name,age_range,is_payment_enabled")).json();
		assertThat(node.get("id").asString()).isEqualTo(asid);
		assertThat(node.get("name").asString()).isEqualTo(expected.name());
		assertThat(node.get("age_range").get("min").asInt()).isEqualTo(expected.ageMin());
		assertThat(node.get("is_payment_enabled").asBoolean()).isEqualTo(expected.paymentEnabled());
		JsonNode defaults = client.get(V + "/" + asid, appAuth(SHOP)).json();
		assertThat(defaults.propertyNames()).containsExactlyInAnyOrder("id", "name");
	}

	@Test
	void fieldExpansionReturnsEdgesWithLimitAndSubfields() {
		List<ScopedId> p = person(has(SHOP.id()).and(has(OUTDOOR.id())).and(has(SUPPORT.id())));
		String asid = idIn(p, SHOP.id()).id();
		JsonNode node = client.get(V + "/" + asid, with(appAuth(SHOP), "fields",
				"name,ids_for_pages.limit(1){id,page{id}},ids_for_apps")).json();
		JsonNode pages = node.get("ids_for_pages");
		assertThat(pages.get("data")).hasSize(1);
		assertThat(pages.get("data").get(0).get("page").propertyNames()).containsExactly("id");
		assertThat(pages.get("paging").get("next").asString()).contains("/v26.0/" + asid + "/ids_for_pages?")
			.contains("limit=1").contains("after=");
		assertThat(ids(node.get("ids_for_apps"))).isEqualTo(idStrings(ofBusiness(p, IdType.ASID)));
	}

	@Test
	void fieldExpansionContinuesAfterACursor() {
		List<ScopedId> p = person(has(SHOP.id()).and(has(OUTDOOR.id())).and(has(SUPPORT.id())));
		String asid = idIn(p, SHOP.id()).id();
		JsonNode first = client.get(V + "/" + asid, with(appAuth(SHOP), "fields", "ids_for_pages.limit(1)")).json()
			.get("ids_for_pages");
		String after = first.get("paging").get("cursors").get("after").asString();
		JsonNode second = client.get(V + "/" + asid,
				with(appAuth(SHOP), "fields", "ids_for_pages.limit(1).after(" + after + ")")).json()
			.get("ids_for_pages");
		assertThat(ids(second)).hasSize(1).doesNotContainAnyElementsOf(ids(first));
	}

	@Test
	void unknownFieldIsError100() {
		String asid = idIn(person(has(SHOP.id())), SHOP.id()).id();
		Answer answer = client.get(V + "/" + asid, with(appAuth(SHOP), "fields", "id,email"));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.errorCode()).isEqualTo(100);
		assertThat(answer.error().get("message").asString()).contains("(email)");
		Answer edge = client.get(V + "/" + asid + "/friends", appAuth(SHOP));
		assertThat(edge.errorCode()).isEqualTo(100);
	}

	@Test
	void emptyEdgeIsOmittedFromTheExpandedObject() {
		List<ScopedId> p = person(has(OUTDOOR.id()).and(lacks(SHOP.id())).and(lacks(REWARDS.id())));
		JsonNode node = client.get(V + "/" + idIn(p, OUTDOOR.id()).id(),
				with(pageAuth(OUTDOOR), "fields", "id,ids_for_apps,ids_for_pages")).json();
		assertThat(node.has("ids_for_apps")).isFalse();
		assertThat(node.has("ids_for_pages")).isTrue();
	}

	// ---- paging ----

	@Test
	void cursorPagingWalksForwardAndBackWithNextOnlyWhenMoreData() {
		List<ScopedId> p = person(ids -> ofBusiness(ids, IdType.PSID).size() >= 3 && ids.stream()
			.anyMatch(id -> id.scopeId().equals(SHOP.id())));
		String asid = idIn(p, SHOP.id()).id();
		List<String> seen = new ArrayList<>();
		JsonNode page = client.get(V + "/" + asid + "/ids_for_pages", with(appAuth(SHOP), "limit", "1")).json();
		assertThat(page.get("paging").has("previous")).isFalse();
		while (true) {
			page.get("data").forEach(item -> seen.add(item.get("id").asString()));
			assertThat(page.get("paging").get("cursors").has("before")).isTrue();
			if (!page.get("paging").has("next")) {
				break;
			}
			String next = page.get("paging").get("next").asString();
			assertThat(next).startsWith(emulator.baseUrl()).contains("access_token=").contains("appsecret_proof=");
			page = client.getUrl(next).json();
		}
		assertThat(seen).containsExactlyInAnyOrderElementsOf(idStrings(ofBusiness(p, IdType.PSID)));
		String previous = page.get("paging").get("previous").asString();
		JsonNode back = client.getUrl(previous).json();
		assertThat(back.get("data")).hasSize(1);
		assertThat(back.get("data").get(0).get("id").asString()).isEqualTo(seen.get(seen.size() - 2));
	}

	@Test
	void limitDefaultsAndIsClampedToTheMaximum() {
		List<ScopedId> p = person(ids -> ofBusiness(ids, IdType.PSID).size() >= 3 && ids.stream()
			.anyMatch(id -> id.scopeId().equals(SHOP.id())));
		String asid = idIn(p, SHOP.id()).id();
		try (GraphEmulator small = GraphEmulator.start(FIXTURE,
				EmulatorConfig.custom().edgeDefaultLimit(1).edgeMaxLimit(2).build())) {
			GraphTestClient smallClient = new GraphTestClient(small.baseUrl());
			assertThat(smallClient.get(V + "/" + asid + "/ids_for_pages", appAuth(SHOP)).json().get("data"))
				.hasSize(1);
			assertThat(smallClient.get(V + "/" + asid + "/ids_for_pages", with(appAuth(SHOP), "limit", "100"))
				.json()
				.get("data")).hasSize(2);
		}
	}

	// ---- app and Page nodes ----

	@Test
	void appAndPageNodesCanBeReadToPreflightTokens() {
		JsonNode app = client.get(V + "/" + SHOP.id(), with(appAuth(SHOP), "fields",
				"id,name,category,link,namespace,owner_business{id,name}")).json();
		assertThat(app.get("name").asString()).isEqualTo(SHOP.name());
		assertThat(app.get("owner_business").get("id").asString()).isEqualTo(BUSINESS);
		// a Page's business only with business_management, which the sample fixture grants SUPPORT's token
		JsonNode page = client.get(V + "/" + SUPPORT.id(), with(pageAuth(SUPPORT), "fields",
				"id,name,category,link,business{id,name}")).json();
		assertThat(page.get("id").asString()).isEqualTo(SUPPORT.id());
		assertThat(page.get("business").get("id").asString()).isEqualTo(BUSINESS);
		Answer foreign = client.get(V + "/" + BIKES.id(), pageAuth(OUTDOOR));
		assertThat(foreign.errorCode()).isEqualTo(100);
		assertThat(foreign.error().get("error_subcode").asInt()).isEqualTo(33);
	}

	// ---- the checks of §2.9, in order ----

	@Test
	void versionsBelow2_9AreRefusedWithCode12() {
		List<ScopedId> p = person(has(SHOP.id()));
		String asid = idIn(p, SHOP.id()).id();
		Answer apps = client.get("/v2.8/" + asid + "/ids_for_apps", appAuth(SHOP));
		assertThat(apps.status()).isEqualTo(400);
		assertThat(apps.errorCode()).isEqualTo(12);
		assertThat(apps.error().get("type").asString()).isEqualTo("OAuthException");
		assertThat(apps.error().get("message").asString()).isEqualTo("(#12) ids_for_apps requires version v2.9 or higher");
		Answer pages = client.get("/v2.8/" + asid + "/ids_for_pages", Map.of());
		assertThat(pages.error().get("message").asString()).isEqualTo("(#12) ids_for_pages requires version v2.9 or higher");
		assertThat(client.get("/v2.9/" + asid + "/ids_for_pages", appAuth(SHOP)).status()).isEqualTo(200);
	}

	@Test
	void aMissingTokenIs104AndUnknownAndExpiredTokensAre190() {
		String asid = idIn(person(has(SHOP.id())), SHOP.id()).id();
		Answer missing = client.get(V + "/" + asid + "/ids_for_pages", Map.of());
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.errorCode()).isEqualTo(104);
		assertThat(missing.error().get("type").asString()).isEqualTo("OAuthException");
		Answer unknown = client.get(V + "/" + asid + "/ids_for_pages", auth("EAAGnotatoken", SHOP.secret()));
		assertThat(unknown.errorCode()).isEqualTo(190);
		assertThat(unknown.error().get("error_subcode").asInt()).isEqualTo(467);
		String expired = SHOP.expiredTokens().get(0);
		Answer old = client.get(V + "/" + asid + "/ids_for_pages", auth(expired, SHOP.secret()));
		assertThat(old.errorCode()).isEqualTo(190);
		assertThat(old.error().get("error_subcode").asInt()).isEqualTo(463);
	}

	@Test
	void appIdPipeSecretIsAnAppToken() {
		String asid = idIn(person(has(SHOP.id())), SHOP.id()).id();
		String token = SHOP.id() + "|" + SHOP.secret();
		assertThat(client.get(V + "/" + asid + "/ids_for_pages", auth(token, SHOP.secret())).status())
			.isEqualTo(200);
	}

	@Test
	void missingProofIsRejected() {
		String asid = idIn(person(has(SHOP.id())), SHOP.id()).id();
		Answer answer = client.get(V + "/" + asid + "/ids_for_pages", Map.of("access_token", SHOP.primaryToken()));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.errorCode()).isEqualTo(100);
		assertThat(answer.error().get("message").asString())
			.isEqualTo("API calls from the server require an appsecret_proof argument");
	}

	@Test
	void wrongProofIsRejectedAndAnyHexCaseIsAccepted() {
		String psid = idIn(person(has(OUTDOOR.id())), OUTDOOR.id()).id();
		// a Page token's proof must use the secret of the Page's managing app, not another app's
		Answer otherSecret = client.get(V + "/" + psid + "/ids_for_apps", auth(OUTDOOR.token(), REWARDS.secret()));
		assertThat(otherSecret.errorCode()).isEqualTo(100);
		assertThat(otherSecret.error().get("message").asString())
			.isEqualTo("Invalid appsecret_proof provided in the API argument");
		Answer upper = client.get(V + "/" + psid + "/ids_for_apps", Map.of("access_token", OUTDOOR.token(),
				"appsecret_proof", proof(OUTDOOR.token(), SHOP.secret()).toUpperCase()));
		assertThat(upper.status()).isEqualTo(200);
	}

	@Test
	void timeStampedProofIsAcceptedWhileFresh() {
		String asid = idIn(person(has(SHOP.id())), SHOP.id()).id();
		String token = SHOP.primaryToken();
		long now = clock.instant().getEpochSecond();
		Map<String, String> fresh = Map.of("access_token", token, "appsecret_time", Long.toString(now),
				"appsecret_proof", proof(token + "|" + now, SHOP.secret()));
		assertThat(client.get(V + "/" + asid + "/ids_for_pages", fresh).status()).isEqualTo(200);
		long stale = now - 301;
		Answer old = client.get(V + "/" + asid + "/ids_for_pages", Map.of("access_token", token, "appsecret_time",
				Long.toString(stale), "appsecret_proof", proof(token + "|" + stale, SHOP.secret())));
		assertThat(old.errorCode()).isEqualTo(100);
		assertThat(old.error().get("message").asString()).isEqualTo("Expired appsecret_time provided in the API argument");
	}

	@Test
	void idsOutsideTheTokensScopeAreUnsupportedGetRequests() {
		List<ScopedId> p = person(has(SHOP.id()).and(has(OUTDOOR.id())));
		String asid = idIn(p, SHOP.id()).id();
		// an ASID read with a Page token, a PSID of another Page, and an ID Graph does not know
		for (Answer answer : List.of(client.get(V + "/" + asid + "/ids_for_apps", pageAuth(OUTDOOR)),
				client.get(V + "/" + idIn(p, OUTDOOR.id()).id() + "/ids_for_apps", pageAuth(SUPPORT)),
				client.get(V + "/" + "1234567890123456" + "/ids_for_apps", pageAuth(OUTDOOR)))) {
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.errorCode()).isEqualTo(100);
			assertThat(answer.error().get("error_subcode").asInt()).isEqualTo(33);
			assertThat(answer.error().get("message").asString()).startsWith("Unsupported get request. Object with ID '")
				.contains("does not exist, cannot be loaded due to missing permissions, or does not support this operation.");
		}
	}

	@Test
	void appUnderReviewAnswers200WithHttp403() {
		String asid = idIn(person(has(REWARDS.id())), REWARDS.id()).id();
		Answer app = client.get(V + "/" + asid + "/ids_for_pages", appAuth(REWARDS));
		assertThat(app.status()).isEqualTo(403);
		JsonNode error = app.error();
		assertThat(error.get("code").asInt()).isEqualTo(200);
		assertThat(error.get("type").asString()).isEqualTo("OAuthException");
		assertThat(error.get("is_transient").asBoolean()).isFalse();
		assertThat(error.get("message").asString()).isEqualTo("(#200) Your business is under review for access to this API");
		// the Pages that app manages are blocked too
		String psid = idIn(person(has(CLUB.id())), CLUB.id()).id();
		assertThat(client.get(V + "/" + psid + "/ids_for_apps", pageAuth(CLUB)).status()).isEqualTo(403);
	}

	@Test
	void pendingReviewEndsAtItsDeadlineAndAFirstCallCanStartOne() {
		MutableClock own = new MutableClock(Instant.parse("2026-09-01T00:00:00Z"));
		try (GraphEmulator reviewing = GraphEmulator.start(FIXTURE, EmulatorConfig.custom().clock(own)
			.firstCallStartsReview(true)
			.reviewLength(Duration.ofHours(48))
			.build())) {
			reviewing.updateReview(BUSINESS, new Fixture.Review(Fixture.ReviewState.NOT_REQUESTED, null, null));
			GraphTestClient reviewClient = new GraphTestClient(reviewing.baseUrl());
			String asid = idIn(person(has(SHOP.id())), SHOP.id()).id();
			assertThat(reviewClient.get(V + "/" + asid + "/ids_for_pages", appAuth(SHOP)).status()).isEqualTo(403);
			own.advance(Duration.ofHours(47));
			assertThat(reviewClient.get(V + "/" + asid + "/ids_for_pages", appAuth(SHOP)).status()).isEqualTo(403);
			own.advance(Duration.ofHours(1));
			assertThat(reviewClient.get(V + "/" + asid + "/ids_for_pages", appAuth(SHOP)).status()).isEqualTo(200);
		}
	}

	@Test
	void everyErrorCarriesAnFbtraceId() {
		String asid = idIn(person(has(SHOP.id())), SHOP.id()).id();
		for (Answer answer : List.of(client.get(V + "/" + asid + "/ids_for_pages", Map.of()),
				client.get(V + "/" + asid, with(appAuth(SHOP), "fields", "nope")),
				client.get("/v2.0/" + asid + "/ids_for_pages", appAuth(SHOP)))) {
			assertThat(answer.error().get("fbtrace_id").asString()).isNotBlank();
		}
	}

	@Test
	void servesSeveralRequestsOnOneKeepAliveConnection() throws Exception {
		String path = V + "/" + SHOP.id() + "?" + GraphTestClient.encode(appAuth(SHOP));
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", emulator.port())) {
			socket.setSoTimeout(5_000);
			java.io.OutputStream out = socket.getOutputStream();
			java.io.InputStream in = socket.getInputStream();
			for (int i = 0; i < 3; i++) {
				out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes());
				out.flush();
				String head = readHead(in);
				assertThat(head).startsWith("HTTP/1.1 200");
				int length = Integer.parseInt(head.replaceAll("(?is).*content-length: (\\d+).*", "$1"));
				assertThat(new String(in.readNBytes(length))).contains(SHOP.name());
			}
		}
	}

	@Test
	void servesManyConcurrentConnections() throws Exception {
		String asid = idIn(person(has(SHOP.id())), SHOP.id()).id();
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(32);
		try {
			List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
			GraphTestClient shared = new GraphTestClient(emulator.baseUrl());
			for (int i = 0; i < 200; i++) {
				// 32 requests in flight open up to 32 connections
				answers.add(pool.submit(() -> shared.get(V + "/" + asid + "/ids_for_pages", appAuth(SHOP)).status()));
			}
			for (java.util.concurrent.Future<Integer> answer : answers) {
				assertThat(answer.get()).isEqualTo(200);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static String readHead(java.io.InputStream in) throws java.io.IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int c = in.read();
			if (c < 0) {
				throw new java.io.EOFException("connection closed after: " + head);
			}
			head.append((char) c);
		}
		return head.toString();
	}

	@Test
	void businessTwoIsServedWithItsOwnCredentials() {
		assertThat(FIXTURE.credentialsFor(OTHER_BUSINESS).apps()).hasSize(1);
		List<ScopedId> p = person(has(RIDE.id()));
		Answer answer = client.get(V + "/" + idIn(p, RIDE.id()).id() + "/ids_for_pages", appAuth(RIDE));
		assertThat(ids(answer.json())).containsExactly(idIn(p, BIKES.id()).id());
	}
}
