package com.crosswalk.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import com.crosswalk.id.ScopedId;

/**
 * Baseline 2: the same two edges per input ID, packed 50 operations to a Graph batch request, batches sent one after
 * another (what a careful user of RestFB's executeBatch does). Items answered with a transient or throttled error
 * are sent again in a later batch after a doubling sleep.
 */
final class BatchedBaseline implements Baseline {

	static final int BATCH_SIZE = 50;

	private static final int MAX_ATTEMPTS = 5;

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final String baseUrl;

	private final String apiVersion;

	private final ScopeSigner signer;

	BatchedBaseline(String baseUrl, String apiVersion, ScopeSigner signer) {
		this.baseUrl = baseUrl;
		this.apiVersion = apiVersion;
		this.signer = signer;
	}

	@Override
	public String name() {
		return "batched";
	}

	private record Operation(int idIndex, ScopedId id, String relativeUrl) {
	}

	@Override
	public Run run(List<ScopedId> ids) throws InterruptedException {
		long start = System.nanoTime();
		List<Operation> operations = new ArrayList<>(ids.size() * 2);
		for (int i = 0; i < ids.size(); i++) {
			ScopedId id = ids.get(i);
			for (String edge : NaiveBaseline.EDGES) {
				operations.add(new Operation(i, id, apiVersion + "/" + URLEncoder.encode(id.id(), StandardCharsets.UTF_8)
						+ "/" + edge + "?" + signer.parametersFor(id)));
			}
		}
		boolean[] failed = new boolean[ids.size()];
		long retries = 0;
		for (int from = 0; from < operations.size(); from += BATCH_SIZE) {
			List<Operation> pending = operations.subList(from, Math.min(from + BATCH_SIZE, operations.size()));
			for (int attempt = 1; !pending.isEmpty(); attempt++) {
				List<Operation> again = new ArrayList<>();
				List<EdgeAnswer> answers = send(pending);
				for (int i = 0; i < pending.size(); i++) {
					EdgeAnswer answer = answers.get(i);
					if (answer.retryable() && attempt < MAX_ATTEMPTS) {
						again.add(pending.get(i));
					}
					else if (!answer.ok()) {
						failed[pending.get(i).idIndex()] = true;
					}
				}
				if (!again.isEmpty()) {
					retries += again.size();
					Thread.sleep(FIRST_BACKOFF.toMillis() << (attempt - 1));
				}
				pending = again;
			}
		}
		int answered = 0;
		for (boolean f : failed) {
			answered += f ? 0 : 1;
		}
		return new Run(ids.size(), answered, retries, (System.nanoTime() - start) / 1e9);
	}

	/** One batch POST; one answer per operation, in order (a failed request answers every item retryable). */
	private List<EdgeAnswer> send(List<Operation> operations) throws InterruptedException {
		ArrayNode batch = json.createArrayNode();
		for (Operation operation : operations) {
			batch.addObject().put("method", "GET").put("relative_url", operation.relativeUrl());
		}
		String form = signer.parametersFor(operations.get(0).id()) + "&batch="
				+ URLEncoder.encode(json.writeValueAsString(batch), StandardCharsets.UTF_8);
		List<EdgeAnswer> answers = new ArrayList<>(operations.size());
		try {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create(baseUrl + "/" + apiVersion + "/"))
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString(form))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			JsonNode items = json.readTree(response.body());
			for (int i = 0; i < operations.size(); i++) {
				JsonNode item = items.isArray() ? items.get(i) : null;
				if (item == null || item.isNull()) {
					answers.add(new EdgeAnswer(response.statusCode() == 200 ? 599 : response.statusCode(),
							items.isArray() ? null : items));
				}
				else {
					JsonNode body = item.get("body");
					answers.add(new EdgeAnswer(item.get("code").asInt(),
							body == null ? null : json.readTree(body.asString())));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			while (answers.size() < operations.size()) {
				answers.add(new EdgeAnswer(599, null));
			}
		}
		return answers;
	}
}
