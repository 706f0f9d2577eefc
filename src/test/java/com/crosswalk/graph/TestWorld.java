package com.crosswalk.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.crosswalk.emulator.Fixture;
import com.crosswalk.id.ScopedId;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A generated emulator fixture for the client's tests. Business {@link #BUSINESS}: apps {@link #SHOP} (approved),
 * {@link #REWARDS} (pending review) and three more approved apps; Pages {@link #OUTDOOR} and {@link #SUPPORT}
 * (managed by SHOP) and {@link #CLUB} (managed by REWARDS). Person 0 has an ID in every app and Page; persons 1..n
 * have an ASID in SHOP and PSIDs in OUTDOOR, SUPPORT and CLUB, and half of them an ASID in REWARDS.
 */
final class TestWorld {

	static final String BUSINESS = "1000000000000001";

	static final String SHOP = "2000000000000001";

	static final String REWARDS = "2000000000000002";

	static final List<String> EXTRA_APPS = List.of("2000000000000003", "2000000000000004", "2000000000000005");

	static final String OUTDOOR = "3000000000000001";

	static final String SUPPORT = "3000000000000002";

	static final String CLUB = "3000000000000003";

	static final int PERSONS = 120;

	static final Fixture FIXTURE = Fixture.load(write(PERSONS));

	private TestWorld() {
	}

	static String secretOf(String appId) {
		return "secret-of-app-" + appId;
	}

	static String tokenOf(String scopeId) {
		return "EAAtoken" + scopeId + "Zq8xLw3";
	}

	static String expiredTokenOf(String scopeId) {
		return "EAAexpired" + scopeId + "Kp2vRt7";
	}

	static ScopedId asid(String appId, int person) {
		return ScopedId.asid(appId, idOf(appId, person));
	}

	static ScopedId psid(String pageId, int person) {
		return ScopedId.psid(pageId, idOf(pageId, person));
	}

	static List<ScopedId> psids(String pageId, int from, int count) {
		List<ScopedId> ids = new ArrayList<>();
		for (int person = from; person < from + count; person++) {
			ids.add(psid(pageId, person));
		}
		return ids;
	}

	static List<ScopedId> asids(String appId, int from, int count) {
		List<ScopedId> ids = new ArrayList<>();
		for (int person = from; person < from + count; person++) {
			ids.add(asid(appId, person));
		}
		return ids;
	}

	/** Decimal, distinct per scope and person. */
	private static String idOf(String scopeId, int person) {
		return scopeId.substring(0, 1) + scopeId.substring(scopeId.length() - 1) + String.format("%08d", person + 1);
	}

	/**
	 * The same world, except that {@code pageId}'s token lacks {@code pages_messaging} (its debug_token scopes are
	 * {@code pages_show_list} only): Graph serves it no profile fields.
	 */
	static Fixture withoutProfileAccess(String pageId) {
		return Fixture.load(write(PERSONS, pageId));
	}

	private static Path write(int persons) {
		return write(persons, null);
	}

	private static Path write(int persons, String pageWithoutProfileAccess) {
		JsonMapper json = JsonMapper.shared();
		ObjectNode root = json.createObjectNode();
		ObjectNode business = root.putArray("businesses").addObject();
		business.put("id", BUSINESS).put("name", "Test Business");
		business.putObject("review").put("state", "approved");
		ArrayNode apps = root.putArray("apps");
		List<String> appIds = new ArrayList<>(List.of(SHOP, REWARDS));
		appIds.addAll(EXTRA_APPS);
		for (String appId : appIds) {
			ObjectNode app = apps.addObject();
			app.put("id", appId).put("business_id", BUSINESS).put("secret", secretOf(appId)).put("name", "App " + appId);
			app.putArray("tokens").add(tokenOf(appId));
			app.putArray("expired_tokens").add(expiredTokenOf(appId));
			if (appId.equals(REWARDS)) {
				app.putObject("review").put("state", "pending").put("message",
						"(#200) Your business is under review for access to this API");
			}
		}
		ArrayNode pages = root.putArray("pages");
		for (String pageId : List.of(OUTDOOR, SUPPORT, CLUB)) {
			ObjectNode page = pages.addObject();
			page.put("id", pageId).put("business_id", BUSINESS).put("name", "Page " + pageId)
				.put("app_id", pageId.equals(CLUB) ? REWARDS : SHOP).put("token", tokenOf(pageId));
			page.putArray("expired_tokens").add(expiredTokenOf(pageId));
			if (pageId.equals(pageWithoutProfileAccess)) {
				page.putArray("scopes").add("pages_show_list");
			}
		}
		ArrayNode people = root.putArray("persons");
		for (int person = 0; person < persons; person++) {
			ObjectNode entry = people.addObject();
			entry.put("name", "Person " + person);
			entry.putObject("age_range").put("min", 21);
			ObjectNode asids = entry.putObject("asids");
			asids.put(SHOP, idOf(SHOP, person));
			if (person == 0 || person % 2 == 0) {
				asids.put(REWARDS, idOf(REWARDS, person));
			}
			if (person == 0) {
				for (String appId : EXTRA_APPS) {
					asids.put(appId, idOf(appId, person));
				}
			}
			ObjectNode psids = entry.putObject("psids");
			for (String pageId : List.of(OUTDOOR, SUPPORT, CLUB)) {
				psids.put(pageId, idOf(pageId, person));
			}
		}
		try {
			Path file = Files.createTempFile("crosswalk-graph-fixture", ".json");
			file.toFile().deleteOnExit();
			Files.writeString(file, json.writeValueAsString(root));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
