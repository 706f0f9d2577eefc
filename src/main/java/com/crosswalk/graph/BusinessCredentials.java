package com.crosswalk.graph;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;

/** Every app and Page of one business, with what is needed to call the Graph API for their scoped IDs. */
public record BusinessCredentials(String businessId, List<AppCredentials> apps, List<PageCredentials> pages) {

	public BusinessCredentials {
		apps = List.copyOf(apps);
		pages = List.copyOf(pages);
	}

	public Optional<AppCredentials> app(String appId) {
		return apps.stream().filter(a -> a.appId().equals(appId)).findFirst();
	}

	public Optional<PageCredentials> page(String pageId) {
		return pages.stream().filter(p -> p.pageId().equals(pageId)).findFirst();
	}

	public Map<String, AppCredentials> appsById() {
		return apps.stream().collect(Collectors.toUnmodifiableMap(AppCredentials::appId, Function.identity()));
	}

	public Map<String, PageCredentials> pagesById() {
		return pages.stream().collect(Collectors.toUnmodifiableMap(PageCredentials::pageId, Function.identity()));
	}

	public boolean knowsScope(ScopedId id) {
		return id.type() == IdType.ASID ? app(id.scopeId()).isPresent() : page(id.scopeId()).isPresent();
	}
}
