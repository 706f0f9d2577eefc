package com.crosswalk.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import com.crosswalk.id.ScopedId;

/**
 * Baseline 1: a sequential loop, {@code GET /{id}/ids_for_apps} then {@code GET /{id}/ids_for_pages} for each input
 * ID with its scope's token and proof; on a transient or throttled answer it sleeps (doubling) and tries again.
 */
final class NaiveBaseline implements Baseline {

	static final List<String> EDGES = List.of("ids_for_apps", "ids_for_pages");

	private static final int MAX_ATTEMPTS = 5;

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final String versionRoot;

	private final ScopeSigner signer;

	NaiveBaseline(String baseUrl, String apiVersion, ScopeSigner signer) {
		this.versionRoot = baseUrl + "/" + apiVersion;
		this.signer = signer;
	}

	@Override
	public String name() {
		return "naive";
	}

	@Override
	public Run run(List<ScopedId> ids) throws InterruptedException {
		long start = System.nanoTime();
		long retries = 0;
		int answered = 0;
		for (ScopedId id : ids) {
			boolean both = true;
			for (String edge : EDGES) {
				URI uri = URI.create(versionRoot + "/" + URLEncoder.encode(id.id(), StandardCharsets.UTF_8) + "/"
						+ edge + "?" + signer.parametersFor(id));
				EdgeAnswer answer = null;
				for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
					answer = get(uri);
					if (!answer.retryable() || attempt == MAX_ATTEMPTS) {
						break;
					}
					retries++;
					Thread.sleep(FIRST_BACKOFF.toMillis() << (attempt - 1));
				}
				both &= answer.ok();
			}
			if (both) {
				answered++;
			}
		}
		return new Run(ids.size(), answered, retries, (System.nanoTime() - start) / 1e9);
	}

	private EdgeAnswer get(URI uri) throws InterruptedException {
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			return new EdgeAnswer(response.statusCode(), json.readTree(response.body()));
		}
		catch (IOException | RuntimeException ex) {
			// a reset or an unreadable body is worth another try, like a 5xx
			return new EdgeAnswer(599, null);
		}
	}
}
