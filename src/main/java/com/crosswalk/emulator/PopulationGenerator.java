package com.crosswalk.emulator;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a synthetic population for demos, end-to-end tests and the benchmark: {@code fixture.json} (what the
 * emulator serves), {@code business.json} (the credentials file Crosswalk reads) and {@code input.csv} (what a
 * business would feed Crosswalk). Everything is streamed, person by person, each person from its own random stream
 * derived from the seed: a million persons take seconds and little heap, and the same spec gives the same bytes.
 *
 * <p>
 * The world: business 1 has the requested apps and Pages (Page j is managed by app j mod apps); with a review share
 * and 2+ apps, its last app is pending review and so are the Pages it manages. Business 2 has one app and one Page,
 * so the input can name a Page of another business. Each person has 1-6 scoped IDs over random apps and Pages.
 */
public final class PopulationGenerator {

	public static final String FIXTURE_FILE = "fixture.json";

	public static final String CREDENTIALS_FILE = "business.json";

	public static final String INPUT_FILE = "input.csv";

	/** Kinds of bad input rows, one of each as in {@code sample-data/customers.csv}. */
	enum BadRow {
		NON_NUMERIC, EMPTY, SCIENTIFIC_NOTATION, UNKNOWN_PAGE, OTHER_BUSINESS_PAGE, BAD_ID_TYPE, DUPLICATE,
		UNKNOWN_TO_GRAPH
	}

	/**
	 * What was written.
	 *
	 * @param inputRows rows of input.csv without the header, bad rows included
	 */
	public record Summary(Path directory, String businessId, int persons, long scopedIds, long inputRows,
			long badRows, int reviewScopes) {
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String[] FIRST_NAMES = { "Ana", "Ben", "Chloe", "Dmitri", "Elena", "Farid", "Grace",
			"Hiro", "Isabel", "Jonas", "Kemi", "Liam", "Maya", "Noah", "Olga", "Pablo", "Quinn", "Rosa", "Sami",
			"Tara", "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoe" };

	private static final String[] LAST_NAMES = { "Alvarez", "Brooks", "Chen", "Dubois", "Eriksen", "Fischer",
			"Garcia", "Haddad", "Ito", "Jensen", "Kowalski", "Lopez", "Moreau", "Nakamura", "Okafor", "Petrov",
			"Quispe", "Rossi", "Silva", "Tanaka" };

	private static final int[][] AGE_RANGES = { { 13, 17 }, { 18, 20 }, { 21, -1 } };

	private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	/** Counters of unknown-to-Graph IDs start here, far above any person's, so they never collide. */
	private static final long UNKNOWN_ID_COUNTER_BASE = 1L << 52;

	private final GeneratorSpec spec;

	private final IdSequence scopedIds;

	private final SplittableRandom worldRandom;

	private final List<Fixture.App> apps = new ArrayList<>();

	private final List<Fixture.Page> pages = new ArrayList<>();

	private final String businessId;

	private final String otherBusinessId;

	private Fixture.App otherApp;

	private Fixture.Page otherPage;

	/** Scopes (index into apps then Pages) that are / are not under review. */
	private final List<Integer> normalScopes = new ArrayList<>();

	private final List<Integer> reviewScopes = new ArrayList<>();

	private long nextScopedCounter;

	private long nextUnknownCounter = UNKNOWN_ID_COUNTER_BASE;

	private long customerNumber = 10_000_000;

	private String[] lastGoodRow;

	private String lastOtherBusinessPsid;

	private long rows;

	private long badRows;

	private PopulationGenerator(GeneratorSpec spec) {
		this.spec = spec;
		this.scopedIds = IdSequence.scopedIds(spec.seed());
		this.worldRandom = new SplittableRandom(spec.seed());
		IdSequence assetIds = IdSequence.assetIds(spec.seed());
		long assetCounter = 0;
		this.businessId = Long.toString(assetIds.idAt(assetCounter++));
		this.otherBusinessId = Long.toString(assetIds.idAt(assetCounter++));
		for (int i = 0; i < spec.apps(); i++) {
			String id = Long.toString(assetIds.idAt(assetCounter++));
			boolean underReview = spec.hasReviewScopes() && i == spec.apps() - 1;
			apps.add(new Fixture.App(id, businessId, hex(32), "Generated App " + (i + 1), "genapp" + (i + 1),
					i % 2 == 0 ? "Shopping" : "Lifestyle", "https://app" + (i + 1) + ".generated.example",
					List.of(token()), List.of(token()),
					underReview ? new Fixture.Review(Fixture.ReviewState.PENDING, null, null) : null));
		}
		for (int j = 0; j < spec.pages(); j++) {
			String id = Long.toString(assetIds.idAt(assetCounter++));
			Fixture.App manager = apps.get(j % spec.apps());
			pages.add(new Fixture.Page(id, businessId, "Generated Page " + (j + 1), "Retail Company",
					"https://www.facebook.com/generatedpage" + (j + 1), manager.id(), token(), List.of(token()),
					Fixture.Page.MESSENGER_SCOPES));
		}
		this.otherApp = new Fixture.App(Long.toString(assetIds.idAt(assetCounter++)), otherBusinessId, hex(32),
				"Other Business App", "otherapp", "Travel & Local", "https://other.generated.example",
				List.of(token()), List.of(), null);
		this.otherPage = new Fixture.Page(Long.toString(assetIds.idAt(assetCounter)), otherBusinessId,
				"Other Business Page", "Bicycle Shop", "https://www.facebook.com/otherbusinesspage", otherApp.id(),
				token(), List.of(), Fixture.Page.MESSENGER_SCOPES);
		for (int scope = 0; scope < spec.apps() + spec.pages(); scope++) {
			(isUnderReview(scope) ? reviewScopes : normalScopes).add(scope);
		}
	}

	/** Writes the three files into {@code directory} (created if needed). */
	public static Summary generate(GeneratorSpec spec, Path directory) {
		try {
			Files.createDirectories(directory);
			return new PopulationGenerator(spec).write(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the population into " + directory, ex);
		}
	}

	private Summary write(Path directory) throws IOException {
		writeCredentials(directory.resolve(CREDENTIALS_FILE));
		long idCount = 0;
		try (OutputStream fixtureOut = new BufferedOutputStream(
				Files.newOutputStream(directory.resolve(FIXTURE_FILE)), 1 << 16);
				JsonGenerator json = JSON.createGenerator(fixtureOut);
				Writer csv = new BufferedWriter(Files.newBufferedWriter(directory.resolve(INPUT_FILE),
						StandardCharsets.UTF_8), 1 << 16)) {
			writeWorld(json);
			json.writeName("persons");
			json.writeStartArray();
			csv.write("customer_id,id_type,scope_id,scoped_id\n");
			for (int person = 0; person < spec.persons(); person++) {
				idCount += writePerson(person, json, csv);
			}
			json.writeEndArray();
			json.writeEndObject();
		}
		return new Summary(directory, businessId, spec.persons(), idCount, rows, badRows, reviewScopes.size());
	}

	private void writeCredentials(Path file) throws IOException {
		try (OutputStream out = Files.newOutputStream(file);
				JsonGenerator json = JSON.writerWithDefaultPrettyPrinter().createGenerator(out)) {
			json.writeStartObject();
			json.writeStringProperty("business_id", businessId);
			json.writeName("apps");
			json.writeStartArray();
			for (Fixture.App app : apps) {
				json.writeStartObject();
				json.writeStringProperty("id", app.id());
				json.writeStringProperty("secret", app.secret());
				json.writeStringProperty("token", app.primaryToken());
				json.writeEndObject();
			}
			json.writeEndArray();
			json.writeName("pages");
			json.writeStartArray();
			for (Fixture.Page page : pages) {
				json.writeStartObject();
				json.writeStringProperty("id", page.id());
				json.writeStringProperty("app_id", page.appId());
				json.writeStringProperty("token", page.token());
				json.writeEndObject();
			}
			json.writeEndArray();
			json.writeEndObject();
		}
	}

	private void writeWorld(JsonGenerator json) {
		json.writeStartObject();
		json.writeName("businesses");
		json.writeStartArray();
		writeBusiness(json, businessId, "Generated Business");
		writeBusiness(json, otherBusinessId, "Other Business");
		json.writeEndArray();
		json.writeName("apps");
		json.writeStartArray();
		for (Fixture.App app : apps) {
			writeApp(json, app);
		}
		writeApp(json, otherApp);
		json.writeEndArray();
		json.writeName("pages");
		json.writeStartArray();
		for (Fixture.Page page : pages) {
			writePage(json, page);
		}
		writePage(json, otherPage);
		json.writeEndArray();
	}

	private static void writeBusiness(JsonGenerator json, String id, String name) {
		json.writeStartObject();
		json.writeStringProperty("id", id);
		json.writeStringProperty("name", name);
		writeReview(json, Fixture.Review.APPROVED);
		json.writeEndObject();
	}

	private static void writeReview(JsonGenerator json, Fixture.Review review) {
		json.writeName("review");
		json.writeStartObject();
		json.writeStringProperty("state", review.state().name().toLowerCase(java.util.Locale.ROOT));
		json.writeName("pending_until");
		if (review.pendingUntil() == null) {
			json.writeNull();
		}
		else {
			json.writeString(review.pendingUntil().toString());
		}
		json.writeEndObject();
	}

	private static void writeApp(JsonGenerator json, Fixture.App app) {
		json.writeStartObject();
		json.writeStringProperty("id", app.id());
		json.writeStringProperty("business_id", app.businessId());
		json.writeStringProperty("secret", app.secret());
		json.writeStringProperty("name", app.name());
		json.writeStringProperty("namespace", app.namespace());
		json.writeStringProperty("category", app.category());
		json.writeStringProperty("link", app.link());
		writeStrings(json, "tokens", app.tokens());
		writeStrings(json, "expired_tokens", app.expiredTokens());
		if (app.review() != null) {
			writeReview(json, app.review());
		}
		json.writeEndObject();
	}

	private static void writePage(JsonGenerator json, Fixture.Page page) {
		json.writeStartObject();
		json.writeStringProperty("id", page.id());
		json.writeStringProperty("business_id", page.businessId());
		json.writeStringProperty("name", page.name());
		json.writeStringProperty("category", page.category());
		json.writeStringProperty("link", page.link());
		json.writeStringProperty("app_id", page.appId());
		json.writeStringProperty("token", page.token());
		writeStrings(json, "expired_tokens", page.expiredTokens());
		json.writeEndObject();
	}

	private static void writeStrings(JsonGenerator json, String name, List<String> values) {
		json.writeName(name);
		json.writeStartArray();
		for (String value : values) {
			json.writeString(value);
		}
		json.writeEndArray();
	}

	/** Writes one person into the fixture and their input rows into the CSV; returns their number of IDs. */
	private int writePerson(int index, JsonGenerator json, Writer csv) throws IOException {
		SplittableRandom random = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + index);
		List<Integer> scopes = chooseScopes(random);
		long[] ids = new long[scopes.size()];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = scopedIds.idAt(nextScopedCounter++);
		}
		// a few persons also use the other business's Page, so its PSIDs exist
		String otherPsid = random.nextDouble() < 0.05 ? Long.toString(scopedIds.idAt(nextScopedCounter++)) : null;

		json.writeStartObject();
		json.writeStringProperty("name", FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " "
				+ LAST_NAMES[random.nextInt(LAST_NAMES.length)]);
		int[] age = AGE_RANGES[random.nextInt(AGE_RANGES.length)];
		json.writeName("age_range");
		json.writeStartObject();
		json.writeNumberProperty("min", age[0]);
		if (age[1] >= 0) {
			json.writeNumberProperty("max", age[1]);
		}
		json.writeEndObject();
		json.writeBooleanProperty("is_payment_enabled", random.nextDouble() < 0.2);
		json.writeName("asids");
		json.writeStartObject();
		for (int i = 0; i < ids.length; i++) {
			if (scopes.get(i) < spec.apps()) {
				json.writeStringProperty(apps.get(scopes.get(i)).id(), Long.toString(ids[i]));
			}
		}
		json.writeEndObject();
		json.writeName("psids");
		json.writeStartObject();
		for (int i = 0; i < ids.length; i++) {
			if (scopes.get(i) >= spec.apps()) {
				json.writeStringProperty(pages.get(scopes.get(i) - spec.apps()).id(), Long.toString(ids[i]));
			}
		}
		if (otherPsid != null) {
			json.writeStringProperty(otherPage.id(), otherPsid);
			lastOtherBusinessPsid = otherPsid;
		}
		json.writeEndObject();
		json.writeEndObject();

		if (random.nextDouble() < 0.9) {
			writeRows(random, scopes, ids, csv);
		}
		return ids.length + (otherPsid == null ? 0 : 1);
	}

	/** 1-6 distinct scopes; each is drawn from the review scopes with probability reviewShare. */
	private List<Integer> chooseScopes(SplittableRandom random) {
		double roll = random.nextDouble();
		int wanted = roll < 0.35 ? 1 : roll < 0.65 ? 2 : roll < 0.85 ? 3 : 4 + random.nextInt(3);
		wanted = Math.min(wanted, spec.apps() + spec.pages());
		List<Integer> chosen = new ArrayList<>(wanted);
		while (chosen.size() < wanted) {
			boolean review = !reviewScopes.isEmpty() && random.nextDouble() < spec.reviewShare();
			List<Integer> pool = review || normalScopes.isEmpty() ? reviewScopes : normalScopes;
			int scope = pool.get(random.nextInt(pool.size()));
			if (!chosen.contains(scope)) {
				chosen.add(scope);
			}
			else if (chosen.containsAll(pool)) {
				pool = pool == reviewScopes ? normalScopes : reviewScopes;
				for (int candidate : pool) {
					if (!chosen.contains(candidate)) {
						chosen.add(candidate);
						break;
					}
				}
			}
		}
		chosen.sort(Integer::compare);
		return chosen;
	}

	private void writeRows(SplittableRandom random, List<Integer> scopes, long[] ids, Writer csv) throws IOException {
		// mostly one customer per person; now and then a customer shares the previous one's ID (households, merges)
		String customerId = "C" + (random.nextDouble() < 0.03 ? customerNumber : ++customerNumber);
		int first = random.nextInt(ids.length);
		for (int i = 0; i < ids.length; i++) {
			if (i != first && random.nextDouble() >= 0.75) {
				continue;
			}
			while (random.nextDouble() < spec.badRowsShare()) {
				writeRow(csv, badRow(random));
				badRows++;
			}
			int scope = scopes.get(i);
			boolean app = scope < spec.apps();
			String[] row = { customerId, app ? "asid" : "psid",
					app ? apps.get(scope).id() : pages.get(scope - spec.apps()).id(), Long.toString(ids[i]) };
			writeRow(csv, row);
			lastGoodRow = row;
		}
	}

	private String[] badRow(SplittableRandom random) {
		String customerId = "C" + (90_000_000 + badRows);
		String page = pages.isEmpty() ? null : pages.get(random.nextInt(pages.size())).id();
		String scope = page != null ? page : apps.get(0).id();
		String type = page != null ? "psid" : "asid";
		BadRow kind = BadRow.values()[random.nextInt(BadRow.values().length)];
		return switch (kind) {
			case NON_NUMERIC -> new String[] { customerId, type, scope, "abc" + random.nextInt(1_000_000) };
			case EMPTY -> new String[] { customerId, type, scope, "" };
			case SCIENTIFIC_NOTATION -> new String[] { customerId, type, scope,
					String.format(java.util.Locale.ROOT, "%.5E", (double) scopedIds.idAt(nextScopedCounter))
						.replace("E+0", "E+") };
			case UNKNOWN_PAGE -> new String[] { customerId, "psid", "999" + (100_000_000_000L + random.nextInt(1 << 30)),
					unknownId() };
			case OTHER_BUSINESS_PAGE -> new String[] { customerId, "psid", otherPage.id(),
					lastOtherBusinessPsid != null ? lastOtherBusinessPsid : unknownId() };
			case BAD_ID_TYPE -> new String[] { customerId, "fbid", scope, unknownId() };
			case DUPLICATE -> lastGoodRow != null ? lastGoodRow.clone()
					: new String[] { customerId, type, scope, unknownId() };
			case UNKNOWN_TO_GRAPH -> new String[] { customerId, type, scope, unknownId() };
		};
	}

	private String unknownId() {
		return Long.toString(scopedIds.idAt(nextUnknownCounter++));
	}

	private void writeRow(Writer csv, String[] row) throws IOException {
		csv.write(row[0]);
		for (int i = 1; i < row.length; i++) {
			csv.write(',');
			csv.write(row[i]);
		}
		csv.write('\n');
		rows++;
	}

	private boolean isUnderReview(int scope) {
		if (!spec.hasReviewScopes()) {
			return false;
		}
		Fixture.App reviewed = apps.get(spec.apps() - 1);
		return scope < spec.apps() ? scope == spec.apps() - 1
				: pages.get(scope - spec.apps()).appId().equals(reviewed.id());
	}

	private String token() {
		StringBuilder token = new StringBuilder("EAAG");
		for (int i = 0; i < 160; i++) {
			token.append(ALPHANUMERIC.charAt(worldRandom.nextInt(ALPHANUMERIC.length())));
		}
		return token.toString();
	}

	private String hex(int length) {
		StringBuilder hex = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			hex.append(Character.forDigit(worldRandom.nextInt(16), 16));
		}
		return hex.toString();
	}
}
