package com.crosswalk.emulator;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import com.crosswalk.graph.AppCredentials;
import com.crosswalk.graph.BusinessCredentials;
import com.crosswalk.graph.PageCredentials;
import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;

/**
 * The world the emulator serves: businesses, their apps and Pages with secrets and tokens, and persons with their
 * scoped IDs (the ground truth tests compare against). Format: {@code docs/emulator-fixture.md}. Immutable.
 */
public final class Fixture {

	/** Review state of a business or app for ID Matching. */
	public enum ReviewState {
		APPROVED, PENDING, NOT_REQUESTED
	}

	/**
	 * @param pendingUntil when a pending review ends on its own; null = pending until further notice
	 * @param message the #200 message to send instead of the standard one; null for the standard one
	 */
	public record Review(ReviewState state, Instant pendingUntil, String message) {

		public static final Review APPROVED = new Review(ReviewState.APPROVED, null, null);

		public Review {
			Objects.requireNonNull(state, "state");
		}
	}

	public record Business(String id, String name, Review review) {

		public Business {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(review, "review");
		}
	}

	/**
	 * @param tokens opaque app access tokens; {@code id|secret} is always accepted as well
	 * @param expiredTokens tokens that answer 190/463
	 * @param review the app's own review, or null when only the business's review applies
	 */
	public record App(String id, String businessId, String secret, String name, String namespace, String category,
			String link, List<String> tokens, List<String> expiredTokens, Review review) {

		public App {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(businessId, "businessId");
			Objects.requireNonNull(secret, "secret");
			tokens = List.copyOf(tokens);
			expiredTokens = List.copyOf(expiredTokens);
		}

		/** The token handed to clients: the first opaque token, else {@code id|secret}. */
		public String primaryToken() {
			return tokens.isEmpty() ? id + "|" + secret : tokens.get(0);
		}

		@Override
		public String toString() {
			return "App[id=" + id + ", businessId=" + businessId + ", name=" + name + "]";
		}
	}

	/**
	 * @param appId the app that manages the Page; its secret signs the proof of the Page token
	 * @param expiredTokens tokens that answer 190/463
	 * @param scopes the permissions granted to the Page token, as {@code debug_token} reports them; a strict
	 *        emulator serves fields that need a permission (the Page's {@code business}) only when it is here
	 */
	public record Page(String id, String businessId, String name, String category, String link, String appId,
			String token, List<String> expiredTokens, List<String> scopes) {

		/** What a Messenger bot's Page token typically holds: no {@code business_management}. */
		public static final List<String> MESSENGER_SCOPES = List.of("pages_messaging", "pages_show_list");

		public Page {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(businessId, "businessId");
			Objects.requireNonNull(appId, "appId");
			Objects.requireNonNull(token, "token");
			expiredTokens = List.copyOf(expiredTokens);
			scopes = List.copyOf(scopes);
		}

		public boolean hasScope(String permission) {
			return scopes.contains(permission);
		}

		@Override
		public String toString() {
			return "Page[id=" + id + ", businessId=" + businessId + ", name=" + name + "]";
		}
	}

	/**
	 * One person, materialised on demand from the compact store.
	 *
	 * @param ageMin lower bound of the age range, null when unknown
	 * @param ageMax upper bound of the age range, null when open
	 */
	public record Person(int index, String name, Integer ageMin, Integer ageMax, boolean paymentEnabled,
			List<ScopedId> ids) {
	}

	private final List<Business> businesses;

	private final List<App> apps;

	private final List<Page> pages;

	private final Map<String, Business> businessById;

	private final Map<String, Integer> scopeOfApp;

	private final Map<String, Integer> scopeOfPage;

	private final PersonDirectory persons;

	Fixture(List<Business> businesses, List<App> apps, List<Page> pages, PersonDirectory persons) {
		this.businesses = List.copyOf(businesses);
		this.apps = List.copyOf(apps);
		this.pages = List.copyOf(pages);
		this.persons = persons;
		this.businessById = new HashMap<>();
		this.scopeOfApp = new HashMap<>();
		this.scopeOfPage = new HashMap<>();
		for (Business business : this.businesses) {
			if (businessById.put(business.id(), business) != null) {
				throw new IllegalArgumentException("business " + business.id() + " appears twice");
			}
		}
		for (int i = 0; i < this.apps.size(); i++) {
			App app = this.apps.get(i);
			requireBusiness(app.businessId(), "app " + app.id());
			if (scopeOfApp.put(app.id(), i) != null) {
				throw new IllegalArgumentException("app " + app.id() + " appears twice");
			}
		}
		for (int i = 0; i < this.pages.size(); i++) {
			Page page = this.pages.get(i);
			requireBusiness(page.businessId(), "page " + page.id());
			App manager = app(page.appId()).orElseThrow(() -> new IllegalArgumentException(
					"page " + page.id() + " is managed by unknown app " + page.appId()));
			if (!manager.businessId().equals(page.businessId())) {
				throw new IllegalArgumentException("page " + page.id() + " is managed by an app of another business");
			}
			if (scopeOfPage.put(page.id(), this.apps.size() + i) != null) {
				throw new IllegalArgumentException("page " + page.id() + " appears twice");
			}
		}
	}

	/** Reads a fixture file with a streaming parser; persons go straight into the compact store. */
	public static Fixture load(Path json) {
		return FixtureReader.read(json);
	}

	public List<Business> businesses() {
		return businesses;
	}

	public List<App> apps() {
		return apps;
	}

	public List<Page> pages() {
		return pages;
	}

	public Optional<Business> business(String id) {
		return Optional.ofNullable(businessById.get(id));
	}

	public Optional<App> app(String id) {
		Integer scope = scopeOfApp.get(id);
		return scope == null ? Optional.empty() : Optional.of(apps.get(scope));
	}

	public Optional<Page> page(String id) {
		Integer scope = scopeOfPage.get(id);
		return scope == null ? Optional.empty() : Optional.of(pages.get(scope - apps.size()));
	}

	public List<App> appsOf(String businessId) {
		return apps.stream().filter(a -> a.businessId().equals(businessId)).toList();
	}

	public List<Page> pagesOf(String businessId) {
		return pages.stream().filter(p -> p.businessId().equals(businessId)).toList();
	}

	/** What Crosswalk needs to call the Graph API for this business: each app's secret and token, each Page's token. */
	public BusinessCredentials credentialsFor(String businessId) {
		if (!businessById.containsKey(businessId)) {
			throw new IllegalArgumentException("unknown business " + businessId);
		}
		List<AppCredentials> appCredentials = appsOf(businessId).stream()
			.map(a -> new AppCredentials(a.id(), a.secret(), a.primaryToken()))
			.toList();
		List<PageCredentials> pageCredentials = pagesOf(businessId).stream()
			.map(p -> new PageCredentials(p.id(), p.appId(), p.token()))
			.toList();
		return new BusinessCredentials(businessId, appCredentials, pageCredentials);
	}

	public int personCount() {
		return persons.personCount();
	}

	/** Number of scoped IDs of all persons together. */
	public int scopedIdCount() {
		return persons.entryCount();
	}

	public Person person(int index) {
		Objects.checkIndex(index, persons.personCount());
		int min = persons.ageMin(index);
		int max = persons.ageMax(index);
		return new Person(index, persons.name(index), min < 0 ? null : min, max < 0 ? null : max,
				persons.paymentEnabled(index), idsOfPerson(index));
	}

	/** Every scoped ID of one person, in fixture order (apps first, then Pages). */
	public List<ScopedId> idsOfPerson(int index) {
		Objects.checkIndex(index, persons.personCount());
		List<ScopedId> result = new ArrayList<>(persons.endEntry(index) - persons.firstEntry(index));
		for (int entry = persons.firstEntry(index); entry < persons.endEntry(index); entry++) {
			result.add(scopedIdOf(entry));
		}
		return result;
	}

	/** The person this scoped ID belongs to, if the ID exists in that very scope. */
	public OptionalInt personIndexOf(ScopedId id) {
		int entry = entryOf(id);
		return entry < 0 ? OptionalInt.empty() : OptionalInt.of(persons.personOf(entry));
	}

	/** Every scoped ID of the person owning this one (including it); empty when Graph does not know the ID. */
	public List<ScopedId> idsOfPersonOwning(ScopedId id) {
		OptionalInt person = personIndexOf(id);
		return person.isPresent() ? idsOfPerson(person.getAsInt()) : List.of();
	}

	PersonDirectory persons() {
		return persons;
	}

	int scopeCount() {
		return apps.size() + pages.size();
	}

	boolean isAppScope(int scope) {
		return scope < apps.size();
	}

	App appAtScope(int scope) {
		return apps.get(scope);
	}

	Page pageAtScope(int scope) {
		return pages.get(scope - apps.size());
	}

	String scopeIdAt(int scope) {
		return isAppScope(scope) ? appAtScope(scope).id() : pageAtScope(scope).id();
	}

	String businessOfScope(int scope) {
		return isAppScope(scope) ? appAtScope(scope).businessId() : pageAtScope(scope).businessId();
	}

	/** Scope index of an app, or -1. */
	int appScope(String appId) {
		Integer scope = scopeOfApp.get(appId);
		return scope == null ? -1 : scope;
	}

	/** Scope index of a Page, or -1. */
	int pageScope(String pageId) {
		Integer scope = scopeOfPage.get(pageId);
		return scope == null ? -1 : scope;
	}

	ScopedId scopedIdOf(int entry) {
		int scope = persons.scopeOf(entry);
		String id = Long.toString(persons.idOf(entry));
		return isAppScope(scope) ? ScopedId.asid(appAtScope(scope).id(), id) : ScopedId.psid(pageAtScope(scope).id(), id);
	}

	private int entryOf(ScopedId id) {
		long value = NumericId.parse(id.id());
		if (value < 0) {
			return -1;
		}
		int entry = persons.entryOf(value);
		if (entry < 0) {
			return -1;
		}
		int scope = persons.scopeOf(entry);
		boolean sameScope = id.type() == IdType.ASID
				? isAppScope(scope) && appAtScope(scope).id().equals(id.scopeId())
				: !isAppScope(scope) && pageAtScope(scope).id().equals(id.scopeId());
		return sameScope ? entry : -1;
	}

	private void requireBusiness(String businessId, String owner) {
		if (!businessById.containsKey(businessId)) {
			throw new IllegalArgumentException(owner + " belongs to unknown business " + businessId);
		}
	}
}
