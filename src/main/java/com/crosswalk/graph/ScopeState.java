package com.crosswalk.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Everything the client knows about one scope, shared by every thread: its call log and budget, the usage Graph
 * reported, a pause, and whether it is blocked or its credentials failed.
 * <p>
 * The first call for a scope is a single probe item: a scope pending review or with a dead token then costs exactly
 * one Graph call, however many IDs and threads are waiting for it.
 */
final class ScopeState {

	sealed interface Admission {
	}

	/** Send this many calls now; a probe is the scope's single first call. */
	record Granted(int permits, boolean probe) implements Admission {
	}

	/** Nothing may be sent before {@code untilMillis}. */
	record Wait(long untilMillis, WaitReason reason) implements Admission {
	}

	enum WaitReason {
		/** Graph throttled the scope or its usage reached the pause share. */
		PAUSED,
		/** The client-side budget or the even spacing near the budget. */
		BUDGET,
		/** Another call's probe of this scope is still out. */
		PROBE
	}

	/** No call will ever be sent for this scope again by this client. */
	record Closed(ScopeStatus status) implements Admission {
	}

	private enum Probe {
		UNPROBED, PROBING, OPEN
	}

	private final Scope scope;

	private final GraphClientConfig config;

	private final CallBudget budget;

	private final SlidingWindowLog log;

	private Probe probe = Probe.UNPROBED;

	private CountDownLatch probeDone = new CountDownLatch(0);

	private ScopeStatus closed;

	private long pausedUntil;

	private int consecutiveThrottles;

	private Usage usage;

	private long paceAt;

	ScopeState(Scope scope, GraphClientConfig config) {
		this.scope = scope;
		this.config = config;
		this.budget = config.budgetFor(scope.type()).orElse(null);
		long windowMillis = ((budget != null) ? budget.window() : config.usageWindow()).toMillis();
		this.log = new SlidingWindowLog(windowMillis, (budget != null) ? budget.calls() : Integer.MAX_VALUE);
	}

	Scope scope() {
		return scope;
	}

	/** Takes up to {@code wanted} permits for calls about to be sent, or says why and until when to wait. */
	synchronized Admission admit(int wanted, long nowMillis) {
		if (closed != null) {
			return new Closed(closed);
		}
		if (pausedUntil > nowMillis) {
			return new Wait(pausedUntil, WaitReason.PAUSED);
		}
		if (probe == Probe.PROBING) {
			return new Wait(nowMillis, WaitReason.PROBE);
		}
		int cap = (probe == Probe.UNPROBED) ? 1 : wanted;
		long spacing = pacingSpacingMillis(nowMillis);
		if (spacing > 0) {
			if (paceAt > nowMillis) {
				return new Wait(paceAt, WaitReason.BUDGET);
			}
			// Near the budget, calls go one at a time, evenly spread, instead of in bursts.
			cap = 1;
		}
		int granted = log.tryAcquire(cap, nowMillis);
		if (granted == 0) {
			return new Wait(log.nextPermitAt(nowMillis), WaitReason.BUDGET);
		}
		if (spacing > 0) {
			paceAt = nowMillis + spacing * granted;
		}
		boolean isProbe = probe == Probe.UNPROBED;
		if (isProbe) {
			probe = Probe.PROBING;
			probeDone = new CountDownLatch(1);
		}
		return new Granted(granted, isProbe);
	}

	/** Only a successful answer proves the scope is neither pending review nor using a dead token. */
	synchronized void probeAnswered(boolean succeeded) {
		if (probe == Probe.PROBING) {
			probe = succeeded ? Probe.OPEN : Probe.UNPROBED;
			probeDone.countDown();
		}
	}

	void awaitProbe(Duration max) throws InterruptedException {
		CountDownLatch latch;
		synchronized (this) {
			latch = probeDone;
		}
		latch.await(max.toMillis(), TimeUnit.MILLISECONDS);
	}

	synchronized void succeeded() {
		consecutiveThrottles = 0;
	}

	/** Returns true only for the call that closed the scope, so it is logged and counted once. */
	synchronized boolean block(GraphError error, Instant at) {
		return close(new ScopeStatus(scope, ScopeStatus.State.BLOCKED, at.plus(config.reviewRetryAfter()),
				error.code(), error.message()));
	}

	/** A review an earlier process of the same run already met: closed without a call, until the same time. */
	synchronized void blockedUntil(int code, String message, Instant until) {
		close(new ScopeStatus(scope, ScopeStatus.State.BLOCKED, until, code, message));
	}

	/** Returns true only for the call that closed the scope, so it is logged and counted once. */
	synchronized boolean failAuth(int code, String message) {
		return close(new ScopeStatus(scope, ScopeStatus.State.FAILED_AUTH, null, code, message));
	}

	/**
	 * Graph said no: stop calling the scope (calls made while throttled lengthen the block) for the time Graph gave,
	 * else for a backoff that doubles on repeats.
	 */
	synchronized void throttled(Duration regainAccess, long nowMillis) {
		consecutiveThrottles++;
		long pause;
		if (regainAccess != null && !regainAccess.isZero() && !regainAccess.isNegative()) {
			pause = regainAccess.toMillis();
		}
		else {
			int doublings = Math.min(consecutiveThrottles - 1, 20);
			pause = Math.min(config.throttleBackoff().toMillis() << doublings, log.windowMillis());
		}
		pausedUntil = Math.max(pausedUntil, nowMillis + pause);
	}

	/** Usage reported by Graph with an answer for this scope. */
	synchronized void usage(Usage reported, long nowMillis) {
		usage = reported;
		if (!reported.regainAccess().isZero()) {
			pausedUntil = Math.max(pausedUntil, nowMillis + reported.regainAccess().toMillis());
		}
		else if (reported.atOrAbove(config.pauseAt())) {
			pausedUntil = Math.max(pausedUntil, timeUsageDropsToSlowdown(reported, nowMillis));
		}
	}

	/** The verdict that closed the scope, or null while calls are still allowed. */
	synchronized ScopeStatus closedStatus() {
		return closed;
	}

	synchronized ScopeStatus status(long nowMillis) {
		if (closed != null) {
			return closed;
		}
		if (pausedUntil > nowMillis) {
			return new ScopeStatus(scope, ScopeStatus.State.PAUSED, Instant.ofEpochMilli(pausedUntil), null, null);
		}
		return new ScopeStatus(scope, ScopeStatus.State.ACTIVE, null, null, null);
	}

	private boolean close(ScopeStatus status) {
		if (closed != null) {
			return false;
		}
		closed = status;
		probeAnswered(false);
		return true;
	}

	/**
	 * Waits until the calls this client made in the window have aged out far enough to bring usage back to the
	 * slowdown share; Graph's window is rolling, so that is when it allows calls again.
	 */
	private long timeUsageDropsToSlowdown(Usage reported, long nowMillis) {
		int used = log.used(nowMillis);
		if (used == 0 || reported.percent() <= 0) {
			return nowMillis + config.throttleBackoff().toMillis();
		}
		int target = (int) Math.floor(used * config.slowdownAt() * 100.0 / reported.percent());
		long until = log.timeWhenUsedAtMost(target, nowMillis);
		return Math.min(Math.max(until, nowMillis + 1), nowMillis + log.windowMillis());
	}

	/**
	 * Zero below the slowdown share; above it, the spacing that spends the remaining budget evenly. The budget is the
	 * configured one, or, when usage shows someone else shares it, the calls this client made divided by the share
	 * Graph says is used.
	 */
	private long pacingSpacingMillis(long nowMillis) {
		if (usage == null || !usage.atOrAbove(config.slowdownAt())) {
			return 0;
		}
		long estimated = Long.MAX_VALUE;
		int used = log.used(nowMillis);
		if (usage.percent() > 0 && used > 0) {
			estimated = Math.max(1, Math.round(used * 100.0 / usage.percent()));
		}
		if (budget != null) {
			estimated = Math.min(estimated, budget.calls());
		}
		if (estimated == Long.MAX_VALUE) {
			return 0;
		}
		return Math.max(1, log.windowMillis() / estimated);
	}
}
