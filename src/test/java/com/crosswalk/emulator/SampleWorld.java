package com.crosswalk.emulator;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;

/**
 * The hand-written sample fixture ({@code sample-data/fixture.json}) and names for its parts: business 1 with apps
 * SHOP (approved) and REWARDS (review not requested: its first ID Matching call starts one), Pages OUTDOOR and
 * SUPPORT (managed by SHOP) and CLUB (managed by REWARDS); business 2 with app RIDE and Page BIKES.
 */
final class SampleWorld {

	static final Fixture FIXTURE = Fixture.load(Path.of("sample-data/fixture.json"));

	static final String BUSINESS = "1473829103847562";

	static final String OTHER_BUSINESS = "2381047739201846";

	static final Fixture.App SHOP = FIXTURE.app("318442097155820").orElseThrow();

	static final Fixture.App REWARDS = FIXTURE.app("742019863310457").orElseThrow();

	static final Fixture.App RIDE = FIXTURE.app("583920174466201").orElseThrow();

	static final Fixture.Page OUTDOOR = FIXTURE.page("104728359102847").orElseThrow();

	static final Fixture.Page SUPPORT = FIXTURE.page("110394857362018").orElseThrow();

	static final Fixture.Page CLUB = FIXTURE.page("187264539012384").orElseThrow();

	static final Fixture.Page BIKES = FIXTURE.page("129384756102938").orElseThrow();

	private SampleWorld() {
	}

	static Map<String, String> appAuth(Fixture.App app) {
		return GraphTestClient.auth(app.primaryToken(), app.secret());
	}

	static Map<String, String> pageAuth(Fixture.Page page) {
		return GraphTestClient.auth(page.token(), FIXTURE.app(page.appId()).orElseThrow().secret());
	}

	/** The IDs of the first person that satisfies the predicate. */
	static List<ScopedId> person(Predicate<List<ScopedId>> predicate) {
		for (int i = 0; i < FIXTURE.personCount(); i++) {
			List<ScopedId> ids = FIXTURE.idsOfPerson(i);
			if (predicate.test(ids)) {
				return ids;
			}
		}
		throw new IllegalStateException("no such person in the sample fixture");
	}

	static Predicate<List<ScopedId>> has(String scopeId) {
		return ids -> ids.stream().anyMatch(id -> id.scopeId().equals(scopeId));
	}

	static Predicate<List<ScopedId>> lacks(String scopeId) {
		return has(scopeId).negate();
	}

	static ScopedId idIn(List<ScopedId> ids, String scopeId) {
		return ids.stream().filter(id -> id.scopeId().equals(scopeId)).findFirst().orElseThrow();
	}

	/** IDs of the given kind within business 1 (what ID Matching may return to business 1). */
	static List<ScopedId> ofBusiness(List<ScopedId> ids, IdType type) {
		return ids.stream().filter(id -> id.type() == type).filter(id -> type == IdType.ASID
				? FIXTURE.app(id.scopeId()).orElseThrow().businessId().equals(BUSINESS)
				: FIXTURE.page(id.scopeId()).orElseThrow().businessId().equals(BUSINESS)).toList();
	}
}
