package com.crosswalk.emulator;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a fixture file. Businesses, apps and Pages are small and read as trees; persons are read token by token
 * straight into the {@link PersonDirectory} so a million of them never exist as objects. Apps and Pages must come
 * before persons in the file (persons refer to them by ID).
 */
final class FixtureReader {

	// sections are read as trees one element at a time from the middle of the stream
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final List<Fixture.Business> businesses = new ArrayList<>();

	private final List<Fixture.App> apps = new ArrayList<>();

	private final List<Fixture.Page> pages = new ArrayList<>();

	private final Map<String, Integer> appScopes = new HashMap<>();

	private final Map<String, Integer> pageScopes = new HashMap<>();

	private final PersonDirectory.Builder persons = PersonDirectory.builder();

	private boolean personsSeen;

	private FixtureReader() {
	}

	static Fixture read(Path path) {
		try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
			return new FixtureReader().readAll(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read fixture " + path, ex);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("fixture " + path + " is not valid JSON: " + ex.getOriginalMessage(),
					ex);
		}
	}

	private Fixture readAll(InputStream in) {
		try (JsonParser parser = MAPPER.createParser(in)) {
			expect(parser.nextToken(), JsonToken.START_OBJECT, "fixture");
			String section;
			while ((section = parser.nextName()) != null) {
				parser.nextToken();
				switch (section) {
					case "businesses" -> readArray(parser, section, node -> businesses.add(business(node)));
					case "apps" -> readArray(parser, section, node -> addApp(app(node)));
					case "pages" -> readArray(parser, section, node -> addPage(page(node)));
					case "persons" -> readPersons(parser);
					default -> parser.skipChildren();
				}
			}
		}
		return new Fixture(businesses, apps, pages, persons.build());
	}

	private void readArray(JsonParser parser, String section, java.util.function.Consumer<JsonNode> sink) {
		if (personsSeen) {
			throw new IllegalArgumentException("\"" + section + "\" must come before \"persons\" in the fixture");
		}
		expect(parser.currentToken(), JsonToken.START_ARRAY, section);
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			sink.accept(MAPPER.readTree(parser));
		}
	}

	private void addApp(Fixture.App app) {
		appScopes.put(app.id(), apps.size());
		apps.add(app);
	}

	private void addPage(Fixture.Page page) {
		pageScopes.put(page.id(), pages.size());
		pages.add(page);
	}

	private void readPersons(JsonParser parser) {
		personsSeen = true;
		expect(parser.currentToken(), JsonToken.START_ARRAY, "persons");
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			expect(parser.currentToken(), JsonToken.START_OBJECT, "person");
			readPerson(parser);
		}
	}

	/** Field order inside a person is free, so IDs are collected before the person is started in the store. */
	private void readPerson(JsonParser parser) {
		String name = null;
		int ageMin = -1;
		int ageMax = -1;
		boolean payment = false;
		List<long[]> ids = new ArrayList<>(4);
		String field;
		while ((field = parser.nextName()) != null) {
			JsonToken value = parser.nextToken();
			switch (field) {
				case "name" -> name = value == JsonToken.VALUE_NULL ? null : parser.getString();
				case "is_payment_enabled" -> payment = value == JsonToken.VALUE_TRUE;
				case "age_range" -> {
					expect(value, JsonToken.START_OBJECT, "age_range");
					String bound;
					while ((bound = parser.nextName()) != null) {
						parser.nextToken();
						if ("min".equals(bound)) {
							ageMin = parser.getIntValue();
						}
						else if ("max".equals(bound)) {
							ageMax = parser.getIntValue();
						}
						else {
							parser.skipChildren();
						}
					}
				}
				case "asids" -> readScopedIds(parser, appScopes, 0, "app", ids);
				case "psids" -> readScopedIds(parser, pageScopes, apps.size(), "page", ids);
				default -> parser.skipChildren();
			}
		}
		if (ids.isEmpty()) {
			throw new IllegalArgumentException("person " + name + " has no scoped ID");
		}
		persons.startPerson(name, ageMin, ageMax, payment);
		for (long[] id : ids) {
			persons.addId((int) id[0], id[1]);
		}
	}

	/** Collects {scope, id} pairs; Page scopes follow the app scopes, hence the offset. */
	private void readScopedIds(JsonParser parser, Map<String, Integer> scopes, int scopeOffset, String kind,
			List<long[]> sink) {
		expect(parser.currentToken(), JsonToken.START_OBJECT, kind + " IDs");
		String scopeId;
		while ((scopeId = parser.nextName()) != null) {
			parser.nextToken();
			Integer scope = scopes.get(scopeId);
			if (scope == null) {
				throw new IllegalArgumentException("person refers to unknown " + kind + " " + scopeId);
			}
			String text = parser.getString();
			long id = NumericId.parse(text);
			if (id < 0) {
				throw new IllegalArgumentException("scoped ID is not a decimal ID: " + text);
			}
			sink.add(new long[] { scopeOffset + scope, id });
		}
	}

	private static Fixture.Business business(JsonNode node) {
		return new Fixture.Business(required(node, "id"), text(node, "name"), review(node.get("review")));
	}

	private static Fixture.App app(JsonNode node) {
		return new Fixture.App(required(node, "id"), required(node, "business_id"), required(node, "secret"),
				text(node, "name"), text(node, "namespace"), text(node, "category"), text(node, "link"),
				strings(node.get("tokens")), strings(node.get("expired_tokens")),
				node.hasNonNull("review") ? review(node.get("review")) : null);
	}

	private static Fixture.Page page(JsonNode node) {
		return new Fixture.Page(required(node, "id"), required(node, "business_id"), text(node, "name"),
				text(node, "category"), text(node, "link"), required(node, "app_id"), required(node, "token"),
				strings(node.get("expired_tokens")),
				node.has("scopes") ? strings(node.get("scopes")) : Fixture.Page.MESSENGER_SCOPES);
	}

	/** A review object ({@code state}, {@code pending_until}, {@code message}); also read by the admin endpoint. */
	static Fixture.Review review(JsonNode node) {
		if (node == null || node.isNull()) {
			return Fixture.Review.APPROVED;
		}
		String state = required(node, "state");
		Fixture.ReviewState reviewState;
		try {
			reviewState = Fixture.ReviewState.valueOf(state.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("review state must be approved, pending or not_requested: " + state);
		}
		String until = text(node, "pending_until");
		Instant pendingUntil;
		try {
			pendingUntil = until == null ? null : Instant.parse(until);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("pending_until is not an ISO-8601 instant: " + until);
		}
		return new Fixture.Review(reviewState, pendingUntil, text(node, "message"));
	}

	private static String required(JsonNode node, String field) {
		String value = text(node, field);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("fixture entry lacks \"" + field + "\": " + node);
		}
		return value;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() ? null : value.asString();
	}

	private static List<String> strings(JsonNode array) {
		List<String> result = new ArrayList<>();
		if (array != null) {
			array.forEach(item -> result.add(item.asString()));
		}
		return result;
	}

	private static void expect(JsonToken actual, JsonToken expected, String what) {
		if (actual != expected) {
			throw new IllegalArgumentException("fixture: expected " + expected + " for " + what + ", found " + actual);
		}
	}
}
