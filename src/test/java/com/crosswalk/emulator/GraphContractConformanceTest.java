package com.crosswalk.emulator;

import static com.crosswalk.emulator.GraphTestClient.with;
import static com.crosswalk.emulator.SampleWorld.BUSINESS;
import static com.crosswalk.emulator.SampleWorld.FIXTURE;
import static com.crosswalk.emulator.SampleWorld.OUTDOOR;
import static com.crosswalk.emulator.SampleWorld.REWARDS;
import static com.crosswalk.emulator.SampleWorld.SHOP;
import static com.crosswalk.emulator.SampleWorld.SUPPORT;
import static com.crosswalk.emulator.SampleWorld.appAuth;
import static com.crosswalk.emulator.SampleWorld.has;
import static com.crosswalk.emulator.SampleWorld.idIn;
import static com.crosswalk.emulator.SampleWorld.pageAuth;
import static com.crosswalk.emulator.SampleWorld.person;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.crosswalk.emulator.GraphTestClient.Answer;
import com.crosswalk.graph.ContractCheck;
import com.crosswalk.graph.GraphClientConfig;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/graph-contract.md against the emulator: the cases {@code check-graph} runs against the real API (all
 * confirmed by the strict emulator; the lenient one refutes what it is lenient about), and the strict rules that need
 * the emulator's knowledge of the fixture (debug_token's shape, permission-gated fields, batch encoding, usage
 * headers).
 */
class GraphContractConformanceTest {

	static final String V = "/v26.0";

	static final JsonMapper JSON = JsonMapper.builder().build();

	GraphEmulator emulator;

	GraphTestClient client;

	@AfterEach
	void stop() {
		if (emulator != null) {
			emulator.close();
		}
	}

	void start(UnaryOperator<EmulatorConfig.Builder> settings) {
		emulator = GraphEmulator.start(FIXTURE, settings.apply(EmulatorConfig.custom()).build());
		client = new GraphTestClient(emulator.baseUrl());
	}

	Map<String, ContractCheck.Verdict> contractCases() throws ContractCheck.UnreachableException {
		List<ContractCheck.Result> results = new ContractCheck(
				GraphClientConfig.custom().baseUrl(emulator.baseUrl()).maxAttempts(1).build(),
				FIXTURE.credentialsFor(BUSINESS)).run();
		return results.stream().collect(Collectors.toMap(ContractCheck.Result::id, ContractCheck.Result::verdict));
	}

	// ---- the check-graph cases ----

	@Test
	void theStrictEmulatorConfirmsEveryContractCase() throws Exception {
		start(UnaryOperator.identity());

		Map<String, ContractCheck.Verdict> verdicts = contractCases();

		assertThat(verdicts).containsOnlyKeys("version.header", "token.app", "app.owner-business",
				"auth.missing-token", "auth.invalid-token", "proof.invalid", "field.unknown", "batch.encoding",
				"usage.batch-top-level", "token.page", "page.business-permission");
		assertThat(verdicts).allSatisfy((id, verdict) -> assertThat(verdict).as(id)
			.isIn(ContractCheck.Verdict.CONFIRMED, ContractCheck.Verdict.SKIPPED));
		assertThat(verdicts).as("what a few calls can always show").containsEntry("auth.missing-token",
				ContractCheck.Verdict.CONFIRMED)
			.containsEntry("page.business-permission", ContractCheck.Verdict.CONFIRMED)
			.containsEntry("token.page", ContractCheck.Verdict.CONFIRMED)
			.containsEntry("batch.encoding", ContractCheck.Verdict.CONFIRMED);
	}

	@Test
	void theLenientEmulatorRefutesWhatItIsLenientAbout() throws Exception {
		start(config -> config.lenient(true));

		Map<String, ContractCheck.Verdict> verdicts = contractCases();

		assertThat(verdicts).containsEntry("auth.missing-token", ContractCheck.Verdict.REFUTED)
			.containsEntry("page.business-permission", ContractCheck.Verdict.REFUTED)
			.containsEntry("token.app", ContractCheck.Verdict.CONFIRMED)
			.containsEntry("batch.encoding", ContractCheck.Verdict.CONFIRMED);
	}

	// ---- debug_token ----

	@Test
	void debugTokenOfAPageTokenHasGraphsShape() {
		start(UnaryOperator.identity());

		Answer answer = client.get(V + "/debug_token", with(appAuth(SHOP), "input_token", OUTDOOR.token()));

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode data = answer.json().get("data");
		assertThat(data.get("app_id").asString()).isEqualTo(SHOP.id());
		assertThat(data.get("type").asString()).isEqualTo("PAGE");
		assertThat(data.get("application").asString()).isEqualTo(SHOP.name());
		assertThat(data.get("is_valid").asBoolean()).isTrue();
		assertThat(data.get("expires_at").asLong()).isZero();
		assertThat(data.get("profile_id").asString()).isEqualTo(OUTDOOR.id());
		assertThat(data.get("user_id").asString()).matches("[0-9]+");
		assertThat(data.get("scopes").toString()).contains("pages_messaging").doesNotContain("business_management");
		assertThat(data.get("granular_scopes").get(0).get("target_ids").get(0).asString()).isEqualTo(OUTDOOR.id());
	}

	@Test
	void debugTokenOfAnExpiredTokenSaysNotValidAndWhy() {
		start(UnaryOperator.identity());

		Answer answer = client.get(V + "/debug_token",
				with(appAuth(SHOP), "input_token", OUTDOOR.expiredTokens().get(0)));

		JsonNode data = answer.json().get("data");
		assertThat(data.get("is_valid").asBoolean()).isFalse();
		assertThat(data.get("error").get("code").asInt()).isEqualTo(190);
		assertThat(data.get("expires_at").asLong()).isPositive();
	}

	@Test
	void debugTokenNeedsAnAppTokenOfTheInspectedTokensApp() {
		start(UnaryOperator.identity());

		Answer withPageToken = client.get(V + "/debug_token", with(pageAuth(OUTDOOR), "input_token", OUTDOOR.token()));
		Answer withOtherApp = client.get(V + "/debug_token", with(appAuth(REWARDS), "input_token", OUTDOOR.token()));

		assertThat(withPageToken.errorCode()).isEqualTo(100);
		assertThat(withOtherApp.errorCode()).isEqualTo(100);
		assertThat(withOtherApp.error().get("message").asString()).contains("You must provide an app access token");
	}

	// ---- strict refusals ----

	@Test
	void aMissingTokenIs104WhenStrictAnd190WhenLenient() {
		start(UnaryOperator.identity());
		Answer strict = client.get(V + "/" + SHOP.id(), Map.of("fields", "id"));
		emulator.close();
		start(config -> config.lenient(true));
		Answer lenient = client.get(V + "/" + SHOP.id(), Map.of("fields", "id"));

		assertThat(strict.errorCode()).isEqualTo(104);
		assertThat(strict.error().get("message").asString())
			.isEqualTo("An access token is required to request this resource.");
		assertThat(lenient.errorCode()).isEqualTo(190);
	}

	@Test
	void aPagesBusinessIsServedOnlyToATokenWithBusinessManagement() {
		start(UnaryOperator.identity());

		Answer without = client.get(V + "/" + OUTDOOR.id(), with(pageAuth(OUTDOOR), "fields", "id,business"));
		Answer withPermission = client.get(V + "/" + SUPPORT.id(), with(pageAuth(SUPPORT), "fields", "id,business"));
		Answer owner = client.get(V + "/" + SHOP.id(), with(appAuth(SHOP), "fields", "id,owner_business"));

		assertThat(without.errorCode()).isEqualTo(200);
		assertThat(without.error().get("message").asString()).contains("business_management");
		assertThat(withPermission.json().get("business").get("id").asString()).isEqualTo(BUSINESS);
		assertThat(owner.json().get("owner_business").get("id").asString()).isEqualTo(BUSINESS);
	}

	@Test
	void aGetBatchItemWithParametersInBodyIsRefusedWhenStrict() {
		String psid = idIn(person(has(OUTDOOR.id())), OUTDOOR.id()).id();
		String batch = "[{\"method\":\"GET\",\"relative_url\":\"" + psid + "\",\"body\":\"fields=ids_for_apps\"}]";
		start(UnaryOperator.identity());
		Answer strict = client.post(V + "/", with(pageAuth(OUTDOOR), "batch", batch));
		emulator.close();
		start(config -> config.lenient(true));
		Answer lenient = client.post(V + "/", with(pageAuth(OUTDOOR), "batch", batch));

		assertThat(strict.json().get(0).get("code").asInt()).isEqualTo(400);
		assertThat(strict.json().get(0).get("body").asString()).contains("relative_url");
		assertThat(lenient.json().get(0).get("code").asInt()).isEqualTo(200);
		assertThat(JSON.readTree(lenient.json().get(0).get("body").asString()).has("ids_for_apps")).isTrue();
	}

	// ---- usage headers ----

	@Test
	void aBatchAnswerCarriesItsTopLevelTokensUsageAtTheTopLevel() {
		start(config -> config.appCallBudget(100));
		String asid = idIn(person(has(SHOP.id())), SHOP.id()).id();
		String relative = asid + "?fields=id&" + GraphTestClient.encode(appAuth(SHOP));
		String batch = "[{\"method\":\"GET\",\"relative_url\":\"" + relative.replace("\"", "") + "\"},"
				+ "{\"method\":\"GET\",\"relative_url\":\"" + relative.replace("\"", "") + "\"}]";

		Answer answer = client.post(V + "/", with(appAuth(SHOP), "batch", batch));

		assertThat(answer.header("x-app-usage")).as("the top level of the batch answer")
			.isEqualTo("{\"call_count\":2,\"total_time\":1,\"total_cputime\":1}");
	}

	@Test
	void pageTokenCallsCarryXPageUsageBesideTheBusinessUseCaseHeader() {
		start(config -> config.pageCallBudget(100));

		Answer answer = client.get(V + "/" + OUTDOOR.id(), with(pageAuth(OUTDOOR), "fields", "id"));

		assertThat(answer.header("x-business-use-case-usage")).contains("\"" + OUTDOOR.id() + "\"", "\"type\":\"pages\"");
		assertThat(answer.header("x-page-usage")).startsWith("{\"call_count\":1,");
	}

	@Test
	void aBusinessUseCaseHeaderCanCarrySeveralObjectsEachWithAnArrayOfTypes() {
		UnaryOperator<EmulatorConfig.Builder> twoObjects = config -> config.pageCallBudget(100)
			.extraBusinessUseCaseUsage(OUTDOOR.id(), new BusinessUseCaseUsage(OUTDOOR.id(), "messenger", 7, 3, 4, 0))
			.extraBusinessUseCaseUsage(OUTDOOR.id(), new BusinessUseCaseUsage(SHOP.id(), "ads_management", 95, 40, 50, 5));
		start(twoObjects);
		Answer strict = client.get(V + "/" + OUTDOOR.id(), with(pageAuth(OUTDOOR), "fields", "id"));
		emulator.close();
		start(config -> twoObjects.apply(config).lenient(true));
		Answer lenient = client.get(V + "/" + OUTDOOR.id(), with(pageAuth(OUTDOOR), "fields", "id"));

		JsonNode usage = JSON.readTree(strict.header("x-business-use-case-usage"));
		assertThat(usage.propertyNames()).containsExactly(OUTDOOR.id(), SHOP.id());
		assertThat(usage.get(OUTDOOR.id())).hasSize(2);
		assertThat(usage.get(OUTDOOR.id()).get(0).get("type").asString()).isEqualTo("pages");
		assertThat(usage.get(OUTDOOR.id()).get(0).get("call_count").asInt()).isEqualTo(1);
		assertThat(usage.get(OUTDOOR.id()).get(1).get("type").asString()).isEqualTo("messenger");
		assertThat(usage.get(SHOP.id()).get(0).get("call_count").asInt()).isEqualTo(95);
		assertThat(usage.get(SHOP.id()).get(0).get("estimated_time_to_regain_access").asInt()).isEqualTo(5);
		assertThat(JSON.readTree(lenient.header("x-business-use-case-usage")).propertyNames())
			.as("lenient: the token's own object only").containsExactly(OUTDOOR.id());
	}
}
