package com.crosswalk.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to an emulator with the JDK HttpClient, as a Graph client would; computes proofs independently. */
final class GraphTestClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String baseUrl;

	GraphTestClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	record Answer(int status, java.net.http.HttpHeaders headers, String body) {

		JsonNode json() {
			return JSON.readTree(body);
		}

		JsonNode error() {
			return json().get("error");
		}

		int errorCode() {
			return error().get("code").asInt();
		}

		String header(String name) {
			return headers.firstValue(name).orElse(null);
		}
	}

	static String proof(String token, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** access_token and its classic appsecret_proof. */
	static Map<String, String> auth(String token, String secret) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("access_token", token);
		params.put("appsecret_proof", proof(token, secret));
		return params;
	}

	static Map<String, String> with(Map<String, String> params, String... pairs) {
		Map<String, String> result = new LinkedHashMap<>(params);
		for (int i = 0; i < pairs.length; i += 2) {
			result.put(pairs[i], pairs[i + 1]);
		}
		return result;
	}

	static String encode(Map<String, String> params) {
		StringJoiner joiner = new StringJoiner("&");
		params.forEach((k, v) -> joiner.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(v, StandardCharsets.UTF_8)));
		return joiner.toString();
	}

	Answer get(String path, Map<String, String> params) {
		String query = encode(params);
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path + (query.isEmpty() ? "" : "?" + query))).GET());
	}

	Answer getUrl(String absoluteUrl) {
		return send(HttpRequest.newBuilder(URI.create(absoluteUrl)).GET());
	}

	Answer getWithBearer(String path, String token, Map<String, String> params) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path + "?" + encode(params)))
			.header("Authorization", "Bearer " + token)
			.GET());
	}

	Answer post(String path, Map<String, String> form) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(form))));
	}

	HttpResponse<String> raw(HttpRequest.Builder request) throws IOException, InterruptedException {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = raw(request);
			return new Answer(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
