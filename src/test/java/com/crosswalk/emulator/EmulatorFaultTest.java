package com.crosswalk.emulator;

import static com.crosswalk.emulator.GraphTestClient.JSON;
import static com.crosswalk.emulator.GraphTestClient.with;
import static com.crosswalk.emulator.SampleWorld.FIXTURE;
import static com.crosswalk.emulator.SampleWorld.SHOP;
import static com.crosswalk.emulator.SampleWorld.appAuth;
import static com.crosswalk.emulator.SampleWorld.has;
import static com.crosswalk.emulator.SampleWorld.idIn;
import static com.crosswalk.emulator.SampleWorld.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import com.crosswalk.emulator.GraphTestClient.Answer;

/** Injected faults: each kind on its own, counted, and the same for the same seed. */
class EmulatorFaultTest {

	static GraphEmulator emulator;

	static GraphTestClient client;

	static String path;

	@BeforeAll
	static void start() {
		emulator = GraphEmulator.start(FIXTURE, EmulatorConfig.defaults());
		client = new GraphTestClient(emulator.baseUrl());
		path = "/v26.0/" + idIn(person(has(SHOP.id())), SHOP.id()).id() + "/ids_for_pages";
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@BeforeEach
	void reset() {
		emulator.updateFaults(FaultSettings.none());
		emulator.resetCounters();
	}

	@Test
	void serverErrorIsHttp500WithCode1Or2AndTransient() {
		emulator.updateFaults(FaultSettings.none().withServerError(1.0));
		Answer answer = client.get(path, appAuth(SHOP));
		assertThat(answer.status()).isEqualTo(500);
		assertThat(answer.errorCode()).isIn(1, 2);
		assertThat(answer.error().get("is_transient").asBoolean()).isTrue();
		assertThat(answer.error().get("fbtrace_id").asString()).isNotBlank();
		assertThat(emulator.counters().faults(FaultKind.SERVER_ERROR)).isEqualTo(1);
		assertThat(emulator.counters().calls(SHOP.id(), CallOutcome.TRANSIENT_FAULT)).isEqualTo(1);
	}

	@Test
	void droppedConnectionClosesWithoutAnswer() {
		emulator.updateFaults(FaultSettings.none().withDroppedConnection(1.0));
		assertThatThrownBy(() -> client.get(path, appAuth(SHOP))).isInstanceOf(UncheckedIOException.class);
		// the JDK HttpClient resends an idempotent GET once when the connection closes, hence possibly two
		assertThat(emulator.counters().faults(FaultKind.DROPPED_CONNECTION)).isBetween(1L, 2L);
	}

	@Test
	void htmlErrorPageReplacesJson() {
		emulator.updateFaults(FaultSettings.none().withHtmlPage(1.0));
		Answer answer = client.get(path, appAuth(SHOP));
		assertThat(answer.status()).isEqualTo(502);
		assertThat(answer.header("Content-Type")).startsWith("text/html");
		assertThat(answer.body()).startsWith("<!DOCTYPE html>");
	}

	@Test
	void truncatedJsonDoesNotParse() {
		emulator.updateFaults(FaultSettings.none().withTruncatedJson(1.0));
		Answer answer = client.get(path, appAuth(SHOP));
		assertThat(answer.status()).isEqualTo(200);
		assertThatThrownBy(answer::json).isInstanceOf(JacksonException.class);
	}

	@Test
	void slowAnswersAreHeldBack() {
		emulator.updateFaults(FaultSettings.none().withSlow(1.0, Duration.ofMillis(300)));
		long start = System.nanoTime();
		assertThat(client.get(path, appAuth(SHOP)).status()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(emulator.counters().faults(FaultKind.SLOW)).isEqualTo(1);
	}

	@Test
	void batchItemsCanBeNull() {
		emulator.updateFaults(FaultSettings.none().withNullBatchItem(0.5).withSeed(7));
		ArrayNode ops = JSON.createArrayNode();
		for (int i = 0; i < 20; i++) {
			ops.addObject().put("method", "GET").put("relative_url", path);
		}
		JsonNode items = client.post("/v26.0/", with(appAuth(SHOP), "batch", ops.toString())).json();
		long nulls = 0;
		for (JsonNode item : items) {
			nulls += item.isNull() ? 1 : 0;
		}
		assertThat(nulls).isBetween(1L, 19L);
		assertThat(emulator.counters().faults(FaultKind.NULL_BATCH_ITEM)).isEqualTo(nulls);
		assertThat(emulator.counters().calls(SHOP.id(), CallOutcome.TRANSIENT_FAULT)).isEqualTo(nulls);
		assertThat(emulator.counters().calls(SHOP.id(), CallOutcome.OK)).isEqualTo(20 - nulls);
	}

	@Test
	void batchItemsCanFailTransientlyOnTheirOwn() {
		emulator.updateFaults(FaultSettings.none().withServerError(1.0));
		ArrayNode ops = JSON.createArrayNode();
		ops.addObject().put("method", "GET").put("relative_url", path);
		ops.addObject().put("method", "GET").put("relative_url", path);
		Answer answer = client.post("/v26.0/", with(appAuth(SHOP), "batch", ops.toString()));
		assertThat(answer.status()).isEqualTo(200);
		for (JsonNode item : answer.json()) {
			assertThat(item.get("code").asInt()).isEqualTo(500);
			JsonNode error = JSON.readTree(item.get("body").asString()).get("error");
			assertThat(error.get("code").asInt()).isIn(1, 2);
			assertThat(error.get("is_transient").asBoolean()).isTrue();
		}
		assertThat(emulator.counters().calls(SHOP.id(), CallOutcome.TRANSIENT_FAULT)).isEqualTo(2);
	}

	@Test
	void sameSeedGivesTheSameFaults() {
		List<Integer> first = statuses(FaultSettings.none().withServerError(0.3).withSeed(99));
		List<Integer> second = statuses(FaultSettings.none().withServerError(0.3).withSeed(99));
		List<Integer> other = statuses(FaultSettings.none().withServerError(0.3).withSeed(100));
		assertThat(first).isEqualTo(second).contains(200, 500);
		assertThat(other).isNotEqualTo(first);
	}

	@Test
	void adminEndpointsExposeAndResetCounters() throws IOException, InterruptedException {
		client.get(path, appAuth(SHOP));
		client.get(path, java.util.Map.of());
		JsonNode counters = JSON.readTree(client.raw(HttpRequest.newBuilder(URI.create(emulator.baseUrl()
				+ "/_emulator/counters"))).body());
		assertThat(counters.get("http_requests").asLong()).isEqualTo(2);
		assertThat(counters.get("calls").asLong()).isEqualTo(2);
		assertThat(counters.get("by_scope").get(SHOP.id()).get("ok").asLong()).isEqualTo(1);
		assertThat(counters.get("by_scope").get(EmulatorCounters.UNKNOWN_SCOPE).get("auth_error").asLong())
			.isEqualTo(1);
		client.raw(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/_emulator/reset"))
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(emulator.counters().snapshot().calls()).isZero();
		assertThat(emulator.counters().httpRequests()).isZero();
	}

	private List<Integer> statuses(FaultSettings settings) {
		emulator.updateFaults(settings);
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			statuses.add(client.get(path, appAuth(SHOP)).status());
		}
		return statuses;
	}
}
