package com.crosswalk.emulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limits (reference §5): app-token calls draw on their app's platform budget, Page-token calls on their Page's
 * BUC budget, each over its own rolling window. Every call with a valid token counts, including calls refused
 * because the budget is spent, so a client that keeps calling stays blocked.
 */
final class UsageLimits {

	/**
	 * The budget of one scope right after a call was counted.
	 *
	 * @param calls calls in the window including this one
	 * @param budget calls allowed per window, 0 = unlimited
	 * @param regainMillis when exceeded, time until calls are allowed again
	 */
	record Usage(boolean pageScope, String scopeId, int calls, int budget, long regainMillis) {

		boolean exceeded() {
			return budget > 0 && calls > budget;
		}

		int percent() {
			return budget == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, calls * 100L / budget);
		}

		/** {@code estimated_time_to_regain_access} is in whole minutes, rounded up (1 for a seconds-long window). */
		long regainMinutes() {
			return (regainMillis + 59_999) / 60_000;
		}
	}

	private final Clock clock;

	private final int appBudget;

	private final int pageBudget;

	private final long windowMillis;

	private final PageBucType bucType;

	private final int headerFloor;

	private final boolean lenient;

	private final Map<String, List<BusinessUseCaseUsage>> extraBuc;

	private final Map<String, RollingWindowCounter> windows = new ConcurrentHashMap<>();

	UsageLimits(EmulatorConfig config) {
		this.clock = config.clock();
		this.appBudget = config.appCallBudget();
		this.pageBudget = config.pageCallBudget();
		this.windowMillis = config.rateLimitWindow().toMillis();
		this.bucType = config.pageBucType();
		this.headerFloor = config.usageHeaderFloor();
		this.lenient = config.lenient();
		this.extraBuc = config.extraBusinessUseCaseUsage();
	}

	Usage record(TokenGrant grant) {
		boolean page = grant.isPageToken();
		int budget = page ? pageBudget : appBudget;
		if (budget == 0) {
			return new Usage(page, grant.scopeId(), 0, 0, 0);
		}
		long now = clock.millis();
		RollingWindowCounter window = windows.computeIfAbsent((page ? "page:" : "app:") + grant.scopeId(),
				key -> new RollingWindowCounter(windowMillis));
		int calls = window.record(now);
		long regain = calls > budget ? window.millisUntilBelow(budget, now) : 0;
		return new Usage(page, grant.scopeId(), calls, budget, regain);
	}

	/**
	 * The scope's usage as it stands, without counting a call: the top level of a batch answer reports the usage of
	 * its top-level token's scope after the items were counted.
	 */
	Usage peek(TokenGrant grant) {
		boolean page = grant.isPageToken();
		int budget = page ? pageBudget : appBudget;
		RollingWindowCounter window = windows.get((page ? "page:" : "app:") + grant.scopeId());
		if (budget == 0 || window == null) {
			return new Usage(page, grant.scopeId(), 0, budget, 0);
		}
		long now = clock.millis();
		int calls = window.current(now);
		return new Usage(page, grant.scopeId(), calls, budget, calls > budget ? window.millisUntilBelow(budget, now) : 0);
	}

	GraphError exceededError(Usage usage) {
		return usage.pageScope() ? GraphError.pageLimitReached(bucType) : GraphError.appLimitReached();
	}

	/**
	 * Usage headers of the answer: its scope's own (none when it has no budget or is below the floor) and, strict,
	 * the extra BUC entries configured for the scope, every object with its array of types in one header.
	 */
	Map<String, String> headers(Usage usage) {
		if (usage == null) {
			return Map.of();
		}
		Map<String, String> headers = new LinkedHashMap<>();
		Map<String, List<String>> bucObjects = new LinkedHashMap<>();
		if (usage.budget() > 0 && usage.calls() >= headerFloor) {
			int percent = usage.percent();
			// Meta reports time budgets apart from the call count; the emulator has no real cost, so it reports half
			int time = percent / 2;
			if (usage.pageScope()) {
				bucObjects.computeIfAbsent(usage.scopeId(), id -> new ArrayList<>())
					.add(new BusinessUseCaseUsage(usage.scopeId(), bucType.wireName(), percent, time, time,
							usage.regainMinutes()).toJson());
				if (!lenient) {
					// third-party clients read X-Page-Usage on Page-token calls too (reference §5.4), shaped like X-App-Usage
					headers.put("X-Page-Usage", "{\"call_count\":" + percent + ",\"total_cputime\":" + time
							+ ",\"total_time\":" + time + ",\"estimated_time_to_regain_access\":"
							+ usage.regainMinutes() + "}");
				}
			}
			else {
				headers.put("X-App-Usage",
						"{\"call_count\":" + percent + ",\"total_time\":" + time + ",\"total_cputime\":" + time + "}");
			}
		}
		if (!lenient) {
			for (BusinessUseCaseUsage extra : extraBuc.getOrDefault(usage.scopeId(), List.of())) {
				bucObjects.computeIfAbsent(extra.objectId(), id -> new ArrayList<>()).add(extra.toJson());
			}
		}
		if (!bucObjects.isEmpty()) {
			StringBuilder buc = new StringBuilder("{");
			bucObjects.forEach((object, entries) -> buc.append(buc.length() > 1 ? "," : "")
				.append('"').append(object).append("\":[").append(String.join(",", entries)).append(']'));
			headers.put("X-Business-Use-Case-Usage", buc.append('}').toString());
		}
		return headers;
	}

	void reset() {
		windows.clear();
	}
}
