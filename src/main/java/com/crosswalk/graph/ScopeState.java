package com.crosswalk.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.crosswalk.id.Scope;

/**
 * Everything the client knows about one scope, shared by every thread: its call log and budget, the usage Graph
 * reported, a pause, and whether it is blocked or its credentials failed.
 * <p>
 * With a client-side budget the call log is the authority: it allows {@code budgetShare} of the budget in any
 * rolling window, spread evenly once past {@code slowdownAt} of that, and usage Graph reports is only acted on when
 * this client's own calls do not explain it (someone else draws on the same app or Page, or CPU or time budgets
 * bind before the call count). Without a budget, or with such unexplained usage, Graph's usage paces the scope past
 * {@code slowdownAt} and pauses it at {@code pauseAt} until usage is back at {@code resumeAt}.
 * <p>
 * The first call for a scope is a single probe item: a scope pending review or with a dead token then costs exactly
 * one Graph call, however many IDs and threads are waiting for it.
 */
final class ScopeState {

	sealed interface Admission {
	}

	/**
	 * Send this many calls now; a probe is the scope's single first call. Report their answers with
	 * {@link #answered} and {@code atMillis}.
	 */
	record Granted(int permits, boolean probe, long atMillis) implements Admission {
	}

	/** Nothing may be sent before {@code untilMillis}. */
	record Wait(long untilMillis, WaitReason reason) implements Admission {
	}

	enum WaitReason {
		/** Graph throttled the scope or its usage reached the pause share. */
		PAUSED,
		/** Graph blocked the scope for policy (#368): a long wait, not a throttle. */
		POLICY_BLOCK,
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

	/** Far enough in the past for any pacing arithmetic, without overflowing it. */
	private static final long NEVER = Long.MIN_VALUE / 4;

	private final Scope scope;

	private final GraphClientConfig config;

	private final CallBudget budget;

	private final SlidingWindowLog log;

	/** Calls the log allows per window: {@code budgetShare} of the budget, or unlimited without one. */
	private final int limit;

	private Probe probe = Probe.UNPROBED;

	private CountDownLatch probeDone = new CountDownLatch(0);

	private ScopeStatus closed;

	private long pausedUntil;

	/** Until when a #368 blocks the scope; 0 when none did. */
	private long policyBlockedUntil;

	private String policyMessage;

	private int consecutiveThrottles;

	/** Whether a permission error on profile fields showed the scope's reads must go without them. */
	private boolean profileRefused;

	/**
	 * The last usage Graph reported for each header, business object and use-case type, with when: one object or
	 * type reported again replaces only its own reading, and each reading ages out of the window on its own.
	 */
	private final Map<String, Reading> readings = new HashMap<>();

	private record Reading(Usage usage, long at) {
	}

	/** The highest reading still in the window: Graph throttles when any of them reaches 100. */
	private Usage usage;

	private long usageAt;

	/** Calls Graph counted for the scope beyond this client's own when usage was last reported; 0 without a budget. */
	private long foreignCalls;

	/** Whether this client's own calls explained the last reported usage (never without a budget). */
	private boolean usageIsOurs;

	/** When the next paced call is due; {@link #NEVER} until the scope was first paced. */
	private long paceAt = NEVER;

	ScopeState(Scope scope, GraphClientConfig config) {
		this.scope = scope;
		this.config = config;
		this.budget = config.budgetFor(scope.type()).orElse(null);
		long windowMillis = ((budget != null) ? budget.window() : config.usageWindow()).toMillis();
		// the small epsilon keeps 0.98 * 1000 at 980 despite binary fractions
		this.limit = (budget != null) ? (int) Math.max(1, Math.floor(budget.calls() * config.budgetShare() + 1e-9))
				: Integer.MAX_VALUE;
		this.log = new SlidingWindowLog(windowMillis, limit);
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
			return new Wait(pausedUntil, (policyBlockedUntil >= pausedUntil) ? WaitReason.POLICY_BLOCK
					: WaitReason.PAUSED);
		}
		if (probe == Probe.PROBING) {
			return new Wait(nowMillis, WaitReason.PROBE);
		}
		int cap = (probe == Probe.UNPROBED) ? 1 : wanted;
		long spacing = pacingSpacingMillis(nowMillis);
		long from = nowMillis;
		if (spacing > 0) {
			// Near the budget, calls are spread evenly instead of in bursts. A caller slower than the spacing gets the
			// calls it missed, but at most one batch and 1 % of the window: an idle spell or a pause never turns
			// into a burst.
			long credit = Math.min((config.batchSize() - 1) * spacing, log.windowMillis() / 100);
			from = Math.max(paceAt, nowMillis - credit);
			if (from > nowMillis) {
				return new Wait(from, WaitReason.BUDGET);
			}
			cap = (int) Math.min(cap, (nowMillis - from) / spacing + 1);
		}
		else if (budget != null) {
			// Below the slowdown share calls may go at once, but only up to it, whichever mode decides: a single
			// admission filling the whole budget would free it all at once a window later, and the rest of every
			// window would repeat that burst (measured: a 715-call grant in usage mode, 158 throttled answers).
			cap = Math.min(cap, (int) Math.ceil(config.slowdownAt() * limit) - log.used(nowMillis));
		}
		int granted = log.tryAcquire(cap, nowMillis);
		if (granted == 0) {
			return new Wait(log.nextPermitAt(nowMillis), WaitReason.BUDGET);
		}
		if (spacing > 0) {
			paceAt = from + spacing * granted;
		}
		boolean isProbe = probe == Probe.UNPROBED;
		if (isProbe) {
			probe = Probe.PROBING;
			probeDone = new CountDownLatch(1);
		}
		return new Granted(granted, isProbe, nowMillis);
	}

	/** The calls of this client that Graph still counts at {@code nowMillis}, as far as the scope's log knows. */
	synchronized int callsInWindow(long nowMillis) {
		return log.used(nowMillis);
	}

	/** Calls granted at {@code grantedAtMillis} were answered: Graph counted them by now, so they age from now. */
	synchronized void answered(long grantedAtMillis, int calls, long nowMillis) {
		log.answered(grantedAtMillis, calls, nowMillis);
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

	synchronized SortedMap<Long, Integer> callLog(long nowMillis) {
		return log.inWindow(nowMillis);
	}

	/**
	 * Calls another client made for the scope, still in the window: this one takes the scope over. Where they are
	 * new to this client, the other one ran the scope since, and what this one inferred about it meanwhile is stale:
	 * usage and pauses read from Graph's app-wide headers on its other scopes' answers while the other client spent
	 * the scope's budget (measured: a worker paced the app it took over at a call a window, and its pass stalled for
	 * minutes). The handed-over calls keep the budget; the next answer brings Graph's usage as it is now. A policy
	 * block stays.
	 */
	synchronized void callsMadeElsewhere(SortedMap<Long, Integer> calls, long nowMillis) {
		if (log.add(calls, nowMillis) > 0) {
			readings.clear();
			usage = null;
			usageAt = 0;
			foreignCalls = 0;
			usageIsOurs = false;
			paceAt = NEVER;
			consecutiveThrottles = 0;
			pausedUntil = policyBlockedUntil;
		}
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
		return refuse(ScopeStatus.State.FAILED_AUTH, code, message);
	}

	/**
	 * Closes the scope for an answer that would be the same for every ID of it: its credentials were rejected
	 * ({@link ScopeStatus.State#FAILED_AUTH}) or it lacks a permission ({@link ScopeStatus.State#PERMISSION_DENIED}).
	 * Returns true only for the call that closed the scope, so it is logged and counted once.
	 */
	synchronized boolean refuse(ScopeStatus.State state, int code, String message) {
		return close(new ScopeStatus(scope, state, null, code, message));
	}

	/**
	 * Graph blocked the scope for policy (#368): no call before {@code policyBlockWait} is over, however often it is
	 * asked, as calls while blocked may lengthen the block. Returns true only for the answer that started the block.
	 */
	synchronized boolean policyBlocked(int code, String message, long nowMillis) {
		boolean first = policyBlockedUntil <= nowMillis;
		policyBlockedUntil = Math.max(policyBlockedUntil, nowMillis + config.policyBlockWait().toMillis());
		policyMessage = "(#" + code + ") " + message;
		pausedUntil = Math.max(pausedUntil, policyBlockedUntil);
		return first;
	}

	/** A {@code Retry-After} from Graph's servers: nothing is sent for the scope before that time. */
	synchronized void holdUntil(long untilMillis) {
		pausedUntil = Math.max(pausedUntil, untilMillis);
	}

	/** Reads of the scope leave its profile fields out from now on: asking them is refused for every ID. */
	synchronized void refuseProfile() {
		profileRefused = true;
	}

	synchronized boolean profileRefused() {
		return profileRefused;
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

	/**
	 * Usage reported by Graph with an answer for this scope. High usage that this client's own calls explain is just
	 * the budget being used, and the call log already keeps it below the budget; only usage beyond that pauses.
	 */
	synchronized void usage(Usage reported, long nowMillis) {
		usage(Map.of(Usage.ALL, reported), nowMillis);
	}

	/**
	 * Usage by header, business object and use-case type ({@link Usage#readings}): each replaces its own earlier
	 * reading, and the scope is paced and paused on the highest reading still in the window.
	 */
	synchronized void usage(Map<String, Usage> reported, long nowMillis) {
		if (reported.isEmpty()) {
			return;
		}
		reported.forEach((key, value) -> readings.put(key, new Reading(value, nowMillis)));
		readings.values().removeIf(r -> nowMillis - r.at() >= log.windowMillis());
		Usage highest = null;
		for (Reading r : readings.values()) {
			highest = Usage.max(highest, new Usage(r.usage().percent(), Duration.ZERO));
		}
		Usage regain = null;
		for (Usage value : reported.values()) {
			regain = Usage.max(regain, value);
		}
		usageFolded(new Usage(highest.percent(), regain.regainAccess()), nowMillis);
	}

	private void usageFolded(Usage reported, long nowMillis) {
		usage = reported;
		usageAt = nowMillis;
		if (budget != null) {
			// The log at the time of the answer holds the reported call, any sent after it, and (aged from their
			// answers) every earlier call Graph may still count, so it can only overstate this client's part: what
			// is left over was counted for someone else.
			long counted = (long) Math.floor(reported.percent() * (double) budget.calls() / 100.0);
			foreignCalls = Math.max(0, counted - log.used(nowMillis));
			usageIsOurs = foreignCalls <= budget.calls() - limit;
		}
		if (!reported.regainAccess().isZero()) {
			pausedUntil = Math.max(pausedUntil, nowMillis + reported.regainAccess().toMillis());
		}
		else if (reported.atOrAbove(config.pauseAt()) && !usageIsOurs) {
			pausedUntil = Math.max(pausedUntil, timeUsageDropsToResume(reported, nowMillis));
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
		if (policyBlockedUntil > nowMillis) {
			return new ScopeStatus(scope, ScopeStatus.State.POLICY_BLOCKED, Instant.ofEpochMilli(policyBlockedUntil),
					GraphError.POLICY_BLOCK_CODE, policyMessage);
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
	 * resume share; Graph's window is rolling, so that is when it allows calls again. Not down to the slowdown share:
	 * pacing already holds the rate near the budget, and a pause that long would idle a large part of every window.
	 */
	private long timeUsageDropsToResume(Usage reported, long nowMillis) {
		int used = log.used(nowMillis);
		if (used == 0 || reported.percent() <= 0) {
			return nowMillis + config.throttleBackoff().toMillis();
		}
		double excessPercent = reported.percent() - config.resumeAt() * 100.0;
		long target;
		if (budget != null) {
			// the budget says how many calls one percent is, whoever made the others
			target = used - (long) Math.ceil(excessPercent * budget.calls() / 100.0);
		}
		else {
			// without one, this client's calls are all that can age out: assume usage shrinks in proportion
			target = (long) Math.floor(used * config.resumeAt() * 100.0 / reported.percent());
		}
		if (target < 0) {
			// others' calls alone keep usage above the resume share: wait a whole window and look again
			return nowMillis + log.windowMillis();
		}
		long until = log.timeWhenUsedAtMost((int) target, nowMillis);
		return Math.min(Math.max(until, nowMillis + 1), nowMillis + log.windowMillis());
	}

	/**
	 * Zero while calls may go in bursts; otherwise the spacing that spends the budget evenly.
	 * <p>
	 * With a budget whose usage this client explains, the log's own share decides: pacing starts at the slowdown
	 * share of the limit and, once started, lasts while the scope keeps calling within a window, so its calls age
	 * out as evenly as they were made and the room they leave is never one burst that repeats every window.
	 * <p>
	 * Otherwise Graph's usage decides, past the slowdown share: the budget is the limit less the calls others made,
	 * or, without a budget, the calls this client made divided by the share Graph says is used. With a budget, a
	 * scope past the slowdown share of its own log, or paced within the window, stays paced either way.
	 */
	private long pacingSpacingMillis(long nowMillis) {
		long windowMillis = log.windowMillis();
		Usage current = currentUsage(nowMillis);
		int used = log.used(nowMillis);
		boolean busy = used >= config.slowdownAt() * limit || paceAt > nowMillis - windowMillis;
		if (logDecides(nowMillis)) {
			return busy ? Math.max(1, windowMillis / limit) : 0;
		}
		if (budget != null && busy) {
			// others draw on the budget too: once paced, stay paced, on what they leave
			return Math.max(1, windowMillis / Math.max(1, limit - foreignCalls));
		}
		if (current == null || !current.atOrAbove(config.slowdownAt())) {
			return 0;
		}
		long estimated;
		if (budget != null) {
			estimated = Math.max(1, limit - foreignCalls);
		}
		else if (current.percent() > 0 && used > 0) {
			estimated = Math.max(1, Math.round(used * 100.0 / current.percent()));
		}
		else {
			return 0;
		}
		return Math.max(1, windowMillis / estimated);
	}

	/** Whether the scope's own log paces it: it has a budget, and Graph's last usage in the window was ours. */
	private boolean logDecides(long nowMillis) {
		return budget != null && (currentUsage(nowMillis) == null || usageIsOurs);
	}

	/** The last usage Graph reported, unless it is older than a window and says nothing about the present. */
	private Usage currentUsage(long nowMillis) {
		return (usage != null && nowMillis - usageAt < log.windowMillis()) ? usage : null;
	}
}
