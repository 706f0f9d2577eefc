package com.crosswalk.emulator;

import static com.crosswalk.emulator.SampleWorld.FIXTURE;
import static com.crosswalk.emulator.SampleWorld.OUTDOOR;
import static com.crosswalk.emulator.SampleWorld.SHOP;
import static com.crosswalk.emulator.SampleWorld.has;
import static com.crosswalk.emulator.SampleWorld.idIn;
import static com.crosswalk.emulator.SampleWorld.ofBusiness;
import static com.crosswalk.emulator.SampleWorld.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.restfb.Connection;
import com.restfb.DefaultFacebookClient;
import com.restfb.DefaultJsonMapper;
import com.restfb.DefaultWebRequestor;
import com.restfb.FacebookClient;
import com.restfb.FacebookEndpoints;
import com.restfb.Parameter;
import com.restfb.Version;
import com.restfb.batch.BatchRequest;
import com.restfb.batch.BatchResponse;
import com.restfb.exception.FacebookOAuthException;
import com.restfb.json.Json;
import com.restfb.json.JsonObject;

import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;

/**
 * A widely used Java Graph client against the emulator: RestFB computes appsecret_proof from the app secret, reads
 * both edges, pages through a connection by following {@code next} URLs, and runs a batch.
 */
class RestFbInteropTest {

	static GraphEmulator emulator;

	@BeforeAll
	static void start() {
		emulator = GraphEmulator.start(FIXTURE, EmulatorConfig.defaults());
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	/**
	 * RestFB rewrites paging URLs from http to https ({@code Connection.fixProtocol}), right for the real, HTTPS-only
	 * Graph API but not for the plain-HTTP emulator; this requestor undoes that for the emulator's own address.
	 * (Crosswalk's client rebuilds requests from the {@code after} cursor instead of following {@code next}.)
	 */
	static final class EmulatorWebRequestor extends DefaultWebRequestor {

		@Override
		public Response executeGet(Request request) throws IOException {
			String secure = emulator.baseUrl().replaceFirst("^http://", "https://");
			if (request.getUrl().startsWith(secure)) {
				String plain = emulator.baseUrl() + request.getUrl().substring(secure.length());
				return super.executeGet(new Request(plain, request.getHeaderAccessToken(), request.getParameters()));
			}
			return super.executeGet(request);
		}
	}

	static DefaultFacebookClient client(String token, String secret) {
		DefaultFacebookClient client = new DefaultFacebookClient(token, secret, new EmulatorWebRequestor(),
				new DefaultJsonMapper(), Version.LATEST);
		String base = emulator.baseUrl();
		client.setFacebookEndpointUrls(new FacebookEndpoints() {
			@Override
			public String getGraphEndpoint() {
				return base;
			}
		});
		return client;
	}

	static List<String> ids(List<JsonObject> items) {
		return items.stream().map(item -> item.getString("id", null)).toList();
	}

	@Test
	void readsIdsForPagesWithAnAppTokenAndIdsForAppsWithAPageToken() {
		List<ScopedId> p = person(has(SHOP.id()).and(has(OUTDOOR.id())));
		FacebookClient app = client(SHOP.primaryToken(), SHOP.secret());
		Connection<JsonObject> pages = app.fetchConnection(idIn(p, SHOP.id()).id() + "/ids_for_pages",
				JsonObject.class);
		assertThat(ids(pages.getData())).containsExactlyInAnyOrderElementsOf(
				ofBusiness(p, IdType.PSID).stream().map(ScopedId::id).toList());
		assertThat(pages.getData().get(0).get("page").asObject().getString("id", null)).isNotNull();

		FacebookClient page = client(OUTDOOR.token(), SHOP.secret());
		Connection<JsonObject> apps = page.fetchConnection(idIn(p, OUTDOOR.id()).id() + "/ids_for_apps",
				JsonObject.class);
		assertThat(ids(apps.getData())).containsExactlyInAnyOrderElementsOf(
				ofBusiness(p, IdType.ASID).stream().map(ScopedId::id).toList());
	}

	@Test
	void pagesThroughAConnectionByFollowingNext() {
		List<ScopedId> p = person(ids -> ofBusiness(ids, IdType.PSID).size() >= 3 && has(SHOP.id()).test(ids));
		FacebookClient app = client(SHOP.primaryToken(), SHOP.secret());
		Connection<JsonObject> first = app.fetchConnection(idIn(p, SHOP.id()).id() + "/ids_for_pages",
				JsonObject.class, Parameter.with("limit", 1));
		List<String> seen = new ArrayList<>();
		int pageCount = 0;
		for (List<JsonObject> page : first) {
			seen.addAll(ids(page));
			pageCount++;
		}
		assertThat(pageCount).isEqualTo(ofBusiness(p, IdType.PSID).size());
		assertThat(seen).containsExactlyInAnyOrderElementsOf(ofBusiness(p, IdType.PSID).stream().map(ScopedId::id)
			.toList());
	}

	@Test
	void runsABatchWithPerItemResults() {
		List<ScopedId> p = person(has(SHOP.id()));
		FacebookClient app = client(SHOP.primaryToken(), SHOP.secret());
		List<BatchResponse> answers = app.executeBatch(
				new BatchRequest.BatchRequestBuilder(idIn(p, SHOP.id()).id() + "/ids_for_pages").build(),
				new BatchRequest.BatchRequestBuilder(idIn(p, SHOP.id()).id())
					.parameters(Parameter.with("fields", "id,name,ids_for_apps"))
					.build(),
				new BatchRequest.BatchRequestBuilder("1234567890123456/ids_for_pages").build());
		assertThat(answers).hasSize(3);
		assertThat(answers.get(0).getCode()).isEqualTo(200);
		assertThat(answers.get(1).getCode()).isEqualTo(200);
		JsonObject node = Json.parse(answers.get(1).getBody()).asObject();
		assertThat(node.getString("name", null)).isNotBlank();
		assertThat(node.get("ids_for_apps").asObject().get("data").asArray().size()).isPositive();
		assertThat(answers.get(2).getCode()).isEqualTo(400);
		assertThat(answers.get(0).getHeaders()).anyMatch(h -> h.getName().equals("Content-Type"));
	}

	@Test
	void graphErrorsBecomeRestFbExceptionsWithCodes() {
		FacebookClient wrongSecret = client(SHOP.primaryToken(), OUTDOOR.id());
		String asid = idIn(person(has(SHOP.id())), SHOP.id()).id();
		assertThatThrownBy(() -> wrongSecret.fetchConnection(asid + "/ids_for_pages", JsonObject.class))
			.isInstanceOfSatisfying(com.restfb.exception.FacebookGraphException.class, ex -> {
				assertThat(ex.getErrorCode()).isEqualTo(100);
				assertThat(ex.getHttpStatusCode()).isEqualTo(400);
				assertThat(ex.getFbtraceId()).isNotBlank();
			});
		FacebookClient expired = client(SHOP.expiredTokens().get(0), SHOP.secret());
		assertThatThrownBy(() -> expired.fetchConnection(asid + "/ids_for_pages", JsonObject.class))
			.isInstanceOfSatisfying(FacebookOAuthException.class, ex -> {
				assertThat(ex.getErrorCode()).isEqualTo(190);
				assertThat(ex.getErrorSubcode()).isEqualTo(463);
			});
	}
}
