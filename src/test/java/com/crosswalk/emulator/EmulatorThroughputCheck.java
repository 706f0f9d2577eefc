package com.crosswalk.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.node.ArrayNode;

import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;

/**
 * Prints how many lookups per second the emulator serves in batches of 50 (not a test: no assertion on time).
 * Run: {@code java -cp target/classes:target/test-classes:<deps> com.crosswalk.emulator.EmulatorThroughputCheck
 * [persons] [client threads] [seconds]}.
 */
public final class EmulatorThroughputCheck {

	private EmulatorThroughputCheck() {
	}

	public static void main(String[] args) throws Exception {
		int persons = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
		int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
		Path dir = Files.createTempDirectory("emulator-throughput");
		PopulationGenerator.generate(GeneratorSpec.of(persons, 3, 5, 1), dir);
		Fixture fixture = Fixture.load(dir.resolve(PopulationGenerator.FIXTURE_FILE));
		List<String> relativeUrls = relativeUrls(fixture);
		String topToken = fixture.apps().get(0).primaryToken();
		String topProof = GraphTestClient.proof(topToken, fixture.apps().get(0).secret());
		try (GraphEmulator emulator = GraphEmulator.start(fixture, EmulatorConfig.defaults())) {
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			AtomicLong lookups = new AtomicLong();
			AtomicLong failures = new AtomicLong();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			for (int t = 0; t < threads; t++) {
				int offset = t * 50;
				pool.submit(() -> {
					int next = offset;
					while (System.nanoTime() < deadline) {
						ArrayNode batch = GraphTestClient.JSON.createArrayNode();
						for (int i = 0; i < 50; i++) {
							batch.addObject()
								.put("method", "GET")
								.put("relative_url", relativeUrls.get(next++ % relativeUrls.size()));
						}
						String form = GraphTestClient.encode(Map.of("access_token", topToken, "appsecret_proof",
								topProof, "include_headers", "false", "batch", batch.toString()));
						try {
							HttpResponse<String> response = http.send(HttpRequest
								.newBuilder(URI.create(emulator.baseUrl() + "/v26.0/"))
								.header("Content-Type", "application/x-www-form-urlencoded")
								.POST(HttpRequest.BodyPublishers.ofString(form))
								.build(), HttpResponse.BodyHandlers.ofString());
							if (response.statusCode() == 200) {
								lookups.addAndGet(50);
							}
							else {
								failures.incrementAndGet();
							}
						}
						catch (Exception ex) {
							failures.incrementAndGet();
						}
					}
					return null;
				});
			}
			long start = System.nanoTime();
			pool.shutdown();
			pool.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
			double elapsed = (System.nanoTime() - start) / 1e9;
			System.out.printf("%d persons, %d client threads, %.1f s: %,d lookups in batches of 50 = %,.0f lookups/s"
					+ " (%d failed batches; %,d HTTP requests)%n", persons, threads, elapsed, lookups.get(),
					lookups.get() / elapsed, failures.get(), emulator.counters().httpRequests());
		}
	}

	/** Per-item relative URLs with each ID's own token and proof: ASIDs with app tokens, PSIDs with Page tokens. */
	private static List<String> relativeUrls(Fixture fixture) {
		Map<String, String> authByScope = new HashMap<>();
		for (Fixture.App app : fixture.apps()) {
			authByScope.put(app.id(), GraphTestClient.encode(GraphTestClient.auth(app.primaryToken(), app.secret())));
		}
		for (Fixture.Page page : fixture.pages()) {
			String secret = fixture.app(page.appId()).orElseThrow().secret();
			authByScope.put(page.id(), GraphTestClient.encode(GraphTestClient.auth(page.token(), secret)));
		}
		List<String> urls = new ArrayList<>();
		for (int i = 0; i < Math.min(fixture.personCount(), 20_000); i++) {
			ScopedId id = fixture.idsOfPerson(i).get(0);
			String edge = id.type() == IdType.ASID ? "ids_for_pages" : "ids_for_apps";
			urls.add(id.id() + "/" + edge + "?" + authByScope.get(id.scopeId()));
		}
		return urls;
	}

}
