package com.crosswalk.emulator;

import static com.crosswalk.emulator.GraphTestClient.JSON;
import static com.crosswalk.emulator.GraphTestClient.encode;
import static com.crosswalk.emulator.GraphTestClient.with;
import static com.crosswalk.emulator.SampleWorld.FIXTURE;
import static com.crosswalk.emulator.SampleWorld.OUTDOOR;
import static com.crosswalk.emulator.SampleWorld.SHOP;
import static com.crosswalk.emulator.SampleWorld.SUPPORT;
import static com.crosswalk.emulator.SampleWorld.appAuth;
import static com.crosswalk.emulator.SampleWorld.has;
import static com.crosswalk.emulator.SampleWorld.idIn;
import static com.crosswalk.emulator.SampleWorld.pageAuth;
import static com.crosswalk.emulator.SampleWorld.person;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.crosswalk.emulator.GraphTestClient.Answer;
import com.crosswalk.id.ScopedId;

/** Batch requests (reference §6.1) and multi-ID reads (§6.2). */
class EmulatorBatchAndMultiIdTest {

	static GraphEmulator emulator;

	static GraphTestClient client;

	@BeforeAll
	static void start() {
		emulator = GraphEmulator.start(FIXTURE, EmulatorConfig.custom().appCallBudget(1000).build());
		client = new GraphTestClient(emulator.baseUrl());
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@BeforeEach
	void reset() {
		emulator.resetCounters();
	}

	static ObjectNode operation(String relativeUrl) {
		ObjectNode op = JSON.createObjectNode();
		op.put("method", "GET");
		op.put("relative_url", relativeUrl);
		return op;
	}

	static Answer batch(String path, Map<String, String> topLevel, ArrayNode operations) {
		return client.post(path, with(topLevel, "batch", operations.toString()));
	}

	@Test
	void batchAnswersEachItemInOrderWithCodeHeadersAndBody() {
		List<ScopedId> p = person(has(SHOP.id()).and(has(OUTDOOR.id())));
		ArrayNode ops = JSON.createArrayNode();
		// item 0 uses the top-level (app) token; item 1 its own Page token and proof, in the relative URL
		ops.add(operation("v26.0/" + idIn(p, SHOP.id()).id() + "/ids_for_pages"));
		ops.add(operation(idIn(p, OUTDOOR.id()).id() + "/ids_for_apps?" + encode(pageAuth(OUTDOOR))));
		ops.add(operation("1234567890123456/ids_for_apps"));
		Answer answer = batch("/v26.0/", appAuth(SHOP), ops);
		assertThat(answer.status()).isEqualTo(200);
		JsonNode items = answer.json();
		assertThat(items).hasSize(3);
		assertThat(items.get(0).get("code").asInt()).isEqualTo(200);
		assertThat(items.get(1).get("code").asInt()).isEqualTo(200);
		assertThat(items.get(2).get("code").asInt()).isEqualTo(400);
		JsonNode firstBody = JSON.readTree(items.get(0).get("body").asString());
		assertThat(firstBody.get("data").size()).isPositive();
		JsonNode secondBody = JSON.readTree(items.get(1).get("body").asString());
		assertThat(secondBody.get("data").findValuesAsString("id")).contains(idIn(p, SHOP.id()).id());
		assertThat(JSON.readTree(items.get(2).get("body").asString()).get("error").get("error_subcode").asInt())
			.isEqualTo(33);
		List<String> headerNames = new ArrayList<>();
		items.get(0).get("headers").forEach(h -> headerNames.add(h.get("name").asString()));
		assertThat(headerNames).contains("Content-Type", "X-App-Usage");
		assertThat(emulator.counters().calls(SHOP.id())).isEqualTo(2);
		assertThat(emulator.counters().calls(OUTDOOR.id())).isEqualTo(1);
	}

	@Test
	void unversionedBatchEndpointAndPerItemTokensWork() {
		List<ScopedId> p = person(has(OUTDOOR.id()));
		ArrayNode ops = JSON.createArrayNode();
		// a GET item's token goes in relative_url: body is for POST and PUT (GraphContractConformanceTest)
		ObjectNode op = operation(idIn(p, OUTDOOR.id()).id() + "/ids_for_pages?" + encode(pageAuth(OUTDOOR)));
		ops.add(op);
		Answer answer = batch("/", appAuth(SHOP), ops);
		assertThat(answer.json().get(0).get("code").asInt()).isEqualTo(200);
	}

	@Test
	void includeHeadersFalseDropsItemHeaders() {
		ArrayNode ops = JSON.createArrayNode();
		ops.add(operation(idIn(person(has(SHOP.id())), SHOP.id()).id() + "/ids_for_pages"));
		Answer answer = batch("/v26.0/", with(appAuth(SHOP), "include_headers", "false"), ops);
		assertThat(answer.json().get(0).has("headers")).isFalse();
		assertThat(answer.json().get(0).get("code").asInt()).isEqualTo(200);
	}

	@Test
	void batchOfMoreThan50IsRefused() {
		ArrayNode ops = JSON.createArrayNode();
		for (int i = 0; i < 51; i++) {
			ops.add(operation(SHOP.id()));
		}
		Answer answer = batch("/v26.0/", appAuth(SHOP), ops);
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error().get("type").asString()).isEqualTo("GraphBatchException");
		assertThat(answer.error().get("message").asString()).contains("Maximum batch size is 50");
	}

	@Test
	void batchNeedsATopLevelToken() {
		ArrayNode ops = JSON.createArrayNode();
		ops.add(operation(idIn(person(has(OUTDOOR.id())), OUTDOOR.id()).id() + "/ids_for_apps?"
				+ encode(pageAuth(OUTDOOR))));
		Answer answer = client.post("/v26.0/", Map.of("batch", ops.toString()));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.errorCode()).isEqualTo(104);
	}

	@Test
	void itemWithItsOwnTokenNeedsItsOwnProof() {
		ArrayNode ops = JSON.createArrayNode();
		// the top-level proof belongs to the top-level token, so it does not sign this item's Page token
		ops.add(operation(idIn(person(has(OUTDOOR.id())), OUTDOOR.id()).id() + "/ids_for_apps?access_token="
				+ OUTDOOR.token()));
		JsonNode item = batch("/v26.0/", appAuth(SHOP), ops).json().get(0);
		assertThat(item.get("code").asInt()).isEqualTo(400);
		assertThat(JSON.readTree(item.get("body").asString()).get("error").get("message").asString())
			.isEqualTo("Invalid appsecret_proof provided in the API argument");
	}

	@Test
	void multiIdReadAnswersPerIdAndCountsEachId() {
		List<ScopedId> first = person(has(SUPPORT.id()));
		String a = idIn(first, SUPPORT.id()).id();
		String b = FIXTURE.idsOfPerson(FIXTURE.personCount() - 20).stream()
			.filter(id -> id.scopeId().equals(SUPPORT.id()))
			.findFirst()
			.map(ScopedId::id)
			.orElseGet(() -> idIn(person(has(SUPPORT.id()).and(ids -> !ids.contains(first.get(0)))), SUPPORT.id())
				.id());
		Answer answer = client.get("/v26.0/ids_for_apps", with(pageAuth(SUPPORT), "ids", a + "," + b));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().propertyNames()).containsExactlyInAnyOrder(a, b);
		assertThat(answer.json().get(a).has("data")).isTrue();
		assertThat(emulator.counters().calls(SUPPORT.id(), CallOutcome.OK)).isEqualTo(2);
		Answer nodes = client.get("/v26.0/", with(pageAuth(SUPPORT), "ids", a + "," + b, "fields", "id,name"));
		assertThat(nodes.json().get(b).get("name").asString()).isNotBlank();
	}

	@Test
	void oneBadIdFailsTheWholeMultiIdRead() {
		String a = idIn(person(has(SUPPORT.id())), SUPPORT.id()).id();
		Answer answer = client.get("/v26.0/ids_for_apps", with(pageAuth(SUPPORT), "ids", a + ",1234567890123456"));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.errorCode()).isEqualTo(100);
		assertThat(emulator.counters().calls(SUPPORT.id())).isEqualTo(2);
	}

	@Test
	void moreThan50IdsIsRefused() {
		StringBuilder ids = new StringBuilder();
		for (int i = 0; i < 51; i++) {
			ids.append(i == 0 ? "" : ",").append(1_000_000_000_000_000L + i);
		}
		Answer answer = client.get("/v26.0/ids_for_apps", with(pageAuth(SUPPORT), "ids", ids.toString()));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.errorCode()).isEqualTo(100);
		assertThat(answer.error().get("message").asString()).isEqualTo("(#100) Too many IDs. Maximum: 50. Provided: 51.");
	}
}
