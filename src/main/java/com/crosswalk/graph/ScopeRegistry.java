package com.crosswalk.graph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.crosswalk.id.IdType;
import com.crosswalk.id.Scope;

/** The state and credentials of every scope one client talks to, shared by all its threads. */
final class ScopeRegistry {

	private final BusinessCredentials business;

	private final GraphClientConfig config;

	private final Map<Scope, ScopeState> states = new ConcurrentHashMap<>();

	private final Map<Scope, Optional<ScopeCredentials>> credentials = new ConcurrentHashMap<>();

	ScopeRegistry(BusinessCredentials business, GraphClientConfig config) {
		this.business = business;
		this.config = config;
	}

	ScopeState state(Scope scope) {
		return states.computeIfAbsent(scope, key -> new ScopeState(key, config));
	}

	Optional<ScopeCredentials> credentials(Scope scope) {
		return credentials.computeIfAbsent(scope, key -> ScopeCredentials.resolve(business, key));
	}

	/**
	 * The app whose tokens read the scope: the app itself for its ASIDs, the app that manages the Page for its PSIDs
	 * (a Page token is made with that app, and its proof signed with that app's secret). Empty for a Page the
	 * business file does not list.
	 */
	Optional<String> appOf(Scope scope) {
		return (scope.type() == IdType.ASID) ? Optional.of(scope.id())
				: business.page(scope.id()).map(PageCredentials::appId);
	}

	/**
	 * The scope and every scope read with tokens of the same app: the app itself and the Pages it manages. An
	 * app-wide limit (#4) holds for all of them.
	 */
	List<ScopeState> family(Scope scope) {
		Set<Scope> members = new LinkedHashSet<>();
		members.add(scope);
		appOf(scope).ifPresent(app -> {
			members.add(Scope.app(app));
			business.pages().stream()
				.filter(page -> page.appId().equals(app))
				.forEach(page -> members.add(Scope.page(page.pageId())));
		});
		return members.stream().map(this::state).toList();
	}

	/** Every configured scope and every scope met so far, apps first. */
	List<ScopeStatus> statuses(long nowMillis) {
		Set<Scope> scopes = new LinkedHashSet<>();
		business.apps().forEach(app -> scopes.add(Scope.app(app.appId())));
		business.pages().forEach(page -> scopes.add(Scope.page(page.pageId())));
		scopes.addAll(states.keySet());
		List<ScopeStatus> statuses = new ArrayList<>();
		for (Scope scope : scopes) {
			statuses.add(state(scope).status(nowMillis));
		}
		return statuses;
	}
}
