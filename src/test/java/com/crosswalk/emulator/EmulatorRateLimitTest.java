package com.crosswalk.emulator;

import com.crosswalk.support.MutableClock;
import static com.crosswalk.emulator.SampleWorld.FIXTURE;
import static com.crosswalk.emulator.SampleWorld.OUTDOOR;
import static com.crosswalk.emulator.SampleWorld.SHOP;
import static com.crosswalk.emulator.SampleWorld.appAuth;
import static com.crosswalk.emulator.SampleWorld.has;
import static com.crosswalk.emulator.SampleWorld.idIn;
import static com.crosswalk.emulator.SampleWorld.pageAuth;
import static com.crosswalk.emulator.SampleWorld.person;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.crosswalk.emulator.GraphTestClient.Answer;

/** Platform (per app) and BUC (per Page) rate limits with their usage headers (reference §5). */
class EmulatorRateLimitTest {

	static final String V = "/v26.0";

	private final MutableClock clock = new MutableClock(Instant.parse("2026-09-01T10:00:00Z"));

	private GraphEmulator start(EmulatorConfig.Builder config) {
		return GraphEmulator.start(FIXTURE, config.clock(clock).rateLimitWindow(Duration.ofSeconds(10)).build());
	}

	@Test
	void appBudgetExhaustedAnswersCode4AndCallsWhileBlockedStillCount() {
		String asid = idIn(person(has(SHOP.id())), SHOP.id()).id();
		try (GraphEmulator emulator = start(EmulatorConfig.custom().appCallBudget(4))) {
			GraphTestClient client = new GraphTestClient(emulator.baseUrl());
			for (int i = 1; i <= 4; i++) {
				Answer ok = client.get(V + "/" + asid + "/ids_for_pages", appAuth(SHOP));
				assertThat(ok.status()).isEqualTo(200);
				JsonNode usage = GraphTestClient.JSON.readTree(ok.header("X-App-Usage"));
				assertThat(usage.get("call_count").asInt()).isEqualTo(i * 25);
				assertThat(usage.has("total_time")).isTrue();
				assertThat(usage.has("total_cputime")).isTrue();
			}
			Answer blocked = client.get(V + "/" + asid + "/ids_for_pages", appAuth(SHOP));
			assertThat(blocked.status()).isEqualTo(400);
			assertThat(blocked.errorCode()).isEqualTo(4);
			assertThat(blocked.error().get("message").asString()).isEqualTo("(#4) Application request limit reached");
			assertThat(blocked.header("X-App-Usage")).contains("\"call_count\":125");
			// 6 s later the first calls are still in the 10 s window, so the client is still blocked
			clock.advance(Duration.ofSeconds(6));
			assertThat(client.get(V + "/" + asid + "/ids_for_pages", appAuth(SHOP)).errorCode()).isEqualTo(4);
			assertThat(emulator.counters().calls(SHOP.id(), CallOutcome.THROTTLED)).isEqualTo(2);
			// once the whole window has passed every call has left it
			clock.advance(Duration.ofSeconds(11));
			assertThat(client.get(V + "/" + asid + "/ids_for_pages", appAuth(SHOP)).status()).isEqualTo(200);
		}
	}

	@Test
	void pageBudgetExhaustedAnswersBucErrorWithRegainTime() {
		String psid = idIn(person(has(OUTDOOR.id())), OUTDOOR.id()).id();
		try (GraphEmulator emulator = start(EmulatorConfig.custom().pageCallBudget(2))) {
			GraphTestClient client = new GraphTestClient(emulator.baseUrl());
			client.get(V + "/" + psid + "/ids_for_apps", pageAuth(OUTDOOR));
			Answer second = client.get(V + "/" + psid + "/ids_for_apps", pageAuth(OUTDOOR));
			JsonNode usage = GraphTestClient.JSON.readTree(second.header("X-Business-Use-Case-Usage"))
				.get(OUTDOOR.id())
				.get(0);
			assertThat(usage.get("type").asString()).isEqualTo("pages");
			assertThat(usage.get("call_count").asInt()).isEqualTo(100);
			assertThat(usage.get("estimated_time_to_regain_access").asInt()).isZero();
			Answer blocked = client.get(V + "/" + psid + "/ids_for_apps", pageAuth(OUTDOOR));
			assertThat(blocked.errorCode()).isEqualTo(80001);
			assertThat(blocked.error().get("message").asString()).startsWith("(#80001) There have been too many calls");
			JsonNode blockedUsage = GraphTestClient.JSON.readTree(blocked.header("X-Business-Use-Case-Usage"))
				.get(OUTDOOR.id())
				.get(0);
			// whole minutes, rounded up: a 10 s window still says 1
			assertThat(blockedUsage.get("estimated_time_to_regain_access").asInt()).isEqualTo(1);
			// the app budget is separate: the Page's managing app is not throttled
			String asid = idIn(person(has(SHOP.id())), SHOP.id()).id();
			assertThat(client.get(V + "/" + asid + "/ids_for_pages", appAuth(SHOP)).status()).isEqualTo(200);
		}
	}

	@Test
	void messengerBucTypeAnswers80006() {
		String psid = idIn(person(has(OUTDOOR.id())), OUTDOOR.id()).id();
		try (GraphEmulator emulator = start(EmulatorConfig.custom().pageCallBudget(1)
			.pageBucType(PageBucType.MESSENGER))) {
			GraphTestClient client = new GraphTestClient(emulator.baseUrl());
			client.get(V + "/" + psid + "/ids_for_apps", pageAuth(OUTDOOR));
			Answer blocked = client.get(V + "/" + psid + "/ids_for_apps", pageAuth(OUTDOOR));
			assertThat(blocked.errorCode()).isEqualTo(80006);
			assertThat(blocked.header("X-Business-Use-Case-Usage")).contains("\"type\":\"messenger\"");
		}
	}

	@Test
	void usageHeadersAppearOnlyAboveTheFloor() {
		String asid = idIn(person(has(SHOP.id())), SHOP.id()).id();
		try (GraphEmulator emulator = start(EmulatorConfig.custom().appCallBudget(100).usageHeaderFloor(3))) {
			GraphTestClient client = new GraphTestClient(emulator.baseUrl());
			assertThat(client.get(V + "/" + asid + "/ids_for_pages", appAuth(SHOP)).header("X-App-Usage")).isNull();
			assertThat(client.get(V + "/" + asid + "/ids_for_pages", appAuth(SHOP)).header("X-App-Usage")).isNull();
			assertThat(client.get(V + "/" + asid + "/ids_for_pages", appAuth(SHOP)).header("X-App-Usage"))
				.isNotNull();
		}
	}

	@Test
	void callLogShowsWhenAScopeWasCalled() {
		String asid = idIn(person(has(SHOP.id())), SHOP.id()).id();
		try (GraphEmulator emulator = start(EmulatorConfig.custom())) {
			GraphTestClient client = new GraphTestClient(emulator.baseUrl());
			Instant t0 = clock.instant();
			client.get(V + "/" + asid + "/ids_for_pages", appAuth(SHOP));
			clock.advance(Duration.ofSeconds(30));
			Instant t1 = clock.instant();
			clock.advance(Duration.ofSeconds(30));
			client.get(V + "/" + asid + "/ids_for_pages", appAuth(SHOP));
			EmulatorCounters counters = emulator.counters();
			assertThat(counters.callTimes(SHOP.id())).containsExactly(t0, t0.plusSeconds(60));
			assertThat(counters.calledBetween(SHOP.id(), t0.plusMillis(1), t1)).isFalse();
			assertThat(counters.calledBetween(SHOP.id(), t0, t1)).isTrue();
			assertThat(counters.callLogCovers(SHOP.id(), t0)).isTrue();
		}
	}
}
