package com.crosswalk.graph;

import com.crosswalk.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.crosswalk.emulator.BusinessUseCaseUsage;
import com.crosswalk.emulator.CallOutcome;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.ErrorFault;
import com.crosswalk.emulator.FaultKind;
import com.crosswalk.emulator.FaultSettings;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.id.Scope;
import com.crosswalk.id.ScopedId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static com.crosswalk.graph.TestWorld.CLUB;
import static com.crosswalk.graph.TestWorld.EXTRA_APPS;
import static com.crosswalk.graph.TestWorld.OUTDOOR;
import static com.crosswalk.graph.TestWorld.REWARDS;
import static com.crosswalk.graph.TestWorld.SHOP;
import static com.crosswalk.graph.TestWorld.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The client against the Graph API emulator: one test per class of answer. */
class GraphClientEmulatorTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-09-01T10:00:00Z"));

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	private final Logger graphLogger = (Logger) LoggerFactory.getLogger("com.crosswalk.graph");

	@BeforeEach
	void captureLogs() {
		logs.start();
		graphLogger.addAppender(logs);
	}

	@AfterEach
	void closeAll() throws Exception {
		graphLogger.detachAppender(logs);
		for (AutoCloseable resource : resources) {
			resource.close();
		}
	}

	private GraphEmulator emulator(UnaryOperator<EmulatorConfig.Builder> settings) {
		GraphEmulator emulator = GraphEmulator.start(TestWorld.FIXTURE,
				settings.apply(EmulatorConfig.custom().port(0).clock(clock)).build());
		resources.add(emulator);
		return emulator;
	}

	private GraphClient client(GraphEmulator emulator, BusinessCredentials credentials,
			UnaryOperator<GraphClientConfig.Builder> settings) {
		GraphClient client = new GraphClient(settings.apply(GraphClientConfig.custom()
			.baseUrl(emulator.baseUrl())
			.clock(clock)
			.sleeper(clock.sleeper())
			.initialBackoff(Duration.ofMillis(5))
			.maxBackoff(Duration.ofMillis(40))).build(), credentials);
		resources.add(client);
		return client;
	}

	private GraphClient client(GraphEmulator emulator) {
		return client(emulator, credentials(), UnaryOperator.identity());
	}

	private static BusinessCredentials credentials() {
		return TestWorld.FIXTURE.credentialsFor(TestWorld.BUSINESS);
	}

	/** The business credentials with one Page's token replaced. */
	private static BusinessCredentials withPageToken(String pageId, String token) {
		BusinessCredentials business = credentials();
		return new BusinessCredentials(business.businessId(), business.apps(), business.pages()
			.stream()
			.map(page -> page.pageId().equals(pageId) ? new PageCredentials(pageId, page.appId(), token) : page)
			.toList());
	}

	@Test
	void aCallCountsAgainstItsScopeForAWindowAfterItsAnswerNotAfterItsPermit() {
		// the emulator moves the shared clock on whenever it reads it: answers come back later than their permits
		GraphEmulator emulator = GraphEmulator.start(TestWorld.FIXTURE,
				EmulatorConfig.custom().port(0).clock(clock.advancingOnEachRead(Duration.ofSeconds(1))).build());
		resources.add(emulator);
		Duration window = Duration.ofHours(1);
		GraphClient client = client(emulator, credentials(),
				config -> config.usageWindow(window).appCallsPerHour(1_000_000));
		List<ScopedId> ids = TestWorld.asids(SHOP, 1, 20);
		long permitted = clock.millis();

		assertThat(client.lookup(ids)).allSatisfy(o -> assertThat(o).isInstanceOf(LookupOutcome.Resolved.class));

		long answered = clock.millis();
		assertThat(answered).as("the emulator took time to answer").isGreaterThan(permitted);
		ScopeState shop = client.scopeState(Scope.app(SHOP));
		// Graph counted the calls when it answered them: a window after the permits it still counts them
		assertThat(shop.callsInWindow(permitted + window.toMillis())).isEqualTo(ids.size());
		assertThat(shop.callsInWindow(answered + window.toMillis())).isZero();
	}

	@Test
	void resolvesEachPersonWithBothEdgesAndProfileInOneCall() {
		GraphEmulator emulator = emulator(UnaryOperator.identity());
		GraphClient client = client(emulator, credentials(), config -> config.profileFields("name", "age_range"));
		List<ScopedId> ids = List.of(TestWorld.psid(OUTDOOR, 3), TestWorld.asid(SHOP, 5));

		List<LookupOutcome> outcomes = client.lookup(ids);

		assertThat(outcomes).extracting(LookupOutcome::input).containsExactlyElementsOf(ids);
		assertThat(outcomes.get(0)).isInstanceOfSatisfying(LookupOutcome.Resolved.class, resolved -> {
			assertThat(resolved.linked()).containsExactlyInAnyOrderElementsOf(
					TestWorld.FIXTURE.idsOfPersonOwning(TestWorld.psid(OUTDOOR, 3)));
			assertThat(resolved.profile()).containsEntry("name", "Person 3").containsKey("age_range");
			assertThat(resolved.callRef()).startsWith("batch-");
		});
		assertThat(outcomes.get(1)).isInstanceOf(LookupOutcome.Resolved.class);
		assertThat(emulator.counters().calls()).isEqualTo(2);
	}

	@Test
	void fiftyIdsTakeOneBatchAndFiftyOneTakeTwo() {
		GraphEmulator emulator = emulator(UnaryOperator.identity());
		GraphClient client = client(emulator);
		// The first call for a scope is a lone probe; open the scope before counting.
		client.lookup(List.of(TestWorld.psid(OUTDOOR, 0)));

		long before = emulator.counters().httpRequests();
		assertThat(client.lookup(TestWorld.psids(OUTDOOR, 1, 50))).allMatch(LookupOutcome.Resolved.class::isInstance);
		assertThat(emulator.counters().httpRequests() - before).isEqualTo(1);

		before = emulator.counters().httpRequests();
		assertThat(client.lookup(TestWorld.psids(OUTDOOR, 51, 51))).allMatch(LookupOutcome.Resolved.class::isInstance);
		assertThat(emulator.counters().httpRequests() - before).isEqualTo(2);
		assertThat(client.metrics().maxItemsPerBatch()).isEqualTo(50);
	}

	@Test
	void aScopePendingReviewGetsExactlyOneCallEvenFromConcurrentLookups() throws Exception {
		GraphEmulator emulator = emulator(UnaryOperator.identity());
		GraphClient client = client(emulator);
		List<Callable<List<LookupOutcome>>> lookups = new ArrayList<>();
		for (int thread = 0; thread < 4; thread++) {
			List<ScopedId> ids = new ArrayList<>(TestWorld.psids(CLUB, thread * 10, 10));
			ids.addAll(TestWorld.asids(REWARDS, thread * 20, 1));
			ids.addAll(TestWorld.psids(OUTDOOR, thread * 10, 10));
			lookups.add(() -> client.lookup(ids));
		}
		ExecutorService threads = Executors.newFixedThreadPool(4);
		List<LookupOutcome> outcomes = new ArrayList<>();
		try {
			for (Future<List<LookupOutcome>> future : threads.invokeAll(lookups)) {
				outcomes.addAll(future.get());
			}
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(emulator.counters().calls(CLUB)).isEqualTo(1);
		assertThat(emulator.counters().calls(REWARDS)).isEqualTo(1);
		List<LookupOutcome> blocked = outcomes.stream()
			.filter(outcome -> !outcome.input().scopeId().equals(OUTDOOR))
			.toList();
		assertThat(blocked).hasSize(44).allSatisfy(outcome -> assertThat(outcome)
			.isInstanceOfSatisfying(LookupOutcome.Blocked.class, b -> {
				assertThat(b.code()).isEqualTo(200);
				assertThat(b.retryAfter()).isEqualTo(b.at().plus(Duration.ofHours(48)));
			}));
		assertThat(outcomes).filteredOn(outcome -> outcome.input().scopeId().equals(OUTDOOR))
			.hasSize(40)
			.allMatch(LookupOutcome.Resolved.class::isInstance);
		assertThat(client.blockedScopes()).extracting(ScopeStatus::scope)
			.containsExactlyInAnyOrder(Scope.app(REWARDS), Scope.page(CLUB));
		assertThat(client.metrics().blockedScopes()).isEqualTo(2);

		client.lookup(TestWorld.psids(CLUB, 50, 5));
		assertThat(emulator.counters().calls(CLUB)).as("no call after the block").isEqualTo(1);
	}

	@Test
	void aDeadTokenIsCalledOnceAndItsIdsFailAuth() {
		GraphEmulator emulator = emulator(UnaryOperator.identity());
		GraphClient client = client(emulator, withPageToken(SUPPORT, TestWorld.expiredTokenOf(SUPPORT)),
				UnaryOperator.identity());

		List<LookupOutcome> first = client.lookup(TestWorld.psids(SUPPORT, 0, 30));
		List<LookupOutcome> second = client.lookup(TestWorld.psids(SUPPORT, 30, 30));

		assertThat(first).hasSize(30).allSatisfy(outcome -> assertThat(outcome)
			.isInstanceOfSatisfying(LookupOutcome.FailedAuth.class, failed -> assertThat(failed.code()).isEqualTo(190)));
		assertThat(second).hasSize(30).allMatch(LookupOutcome.FailedAuth.class::isInstance);
		assertThat(emulator.counters().calls(SUPPORT)).isEqualTo(1);
		assertThat(client.scopeStatus(Scope.page(SUPPORT)).state()).isEqualTo(ScopeStatus.State.FAILED_AUTH);
	}

	@Test
	void aWrongSecretFailsAuthInsteadOfRejectingEveryId() {
		GraphEmulator emulator = emulator(UnaryOperator.identity());
		BusinessCredentials business = credentials();
		BusinessCredentials wrongSecret = new BusinessCredentials(business.businessId(), business.apps()
			.stream()
			.map(app -> app.appId().equals(SHOP) ? new AppCredentials(SHOP, "not-the-secret-of-shop", app.appToken())
					: app)
			.toList(), business.pages());
		GraphClient client = client(emulator, wrongSecret, UnaryOperator.identity());

		List<LookupOutcome> outcomes = client.lookup(TestWorld.asids(SHOP, 0, 10));

		assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome)
			.isInstanceOfSatisfying(LookupOutcome.FailedAuth.class, failed -> assertThat(failed.code()).isEqualTo(100)));
		assertThat(emulator.counters().calls(SHOP, CallOutcome.PROOF_ERROR)).isEqualTo(1);
	}

	@Test
	void anUnknownIdIsRejectedAndTheOthersResolve() {
		GraphEmulator emulator = emulator(UnaryOperator.identity());
		GraphClient client = client(emulator);
		ScopedId unknown = ScopedId.psid(OUTDOOR, "99999999999");

		List<LookupOutcome> outcomes = client.lookup(List.of(TestWorld.psid(OUTDOOR, 1), unknown,
				TestWorld.psid(OUTDOOR, 2)));

		assertThat(outcomes.get(0)).isInstanceOf(LookupOutcome.Resolved.class);
		assertThat(outcomes.get(1)).isInstanceOfSatisfying(LookupOutcome.Rejected.class,
				rejected -> assertThat(rejected.code()).isEqualTo(100));
		assertThat(outcomes.get(2)).isInstanceOf(LookupOutcome.Resolved.class);
	}

	@Test
	void aNullBatchItemIsRetriedAloneUntilItResolves() {
		GraphEmulator emulator = emulator(config -> config.faults(FaultSettings.none().withNullBatchItem(0.2).withSeed(7)));
		GraphClient client = client(emulator, credentials(), config -> config.maxAttempts(10));
		List<ScopedId> ids = TestWorld.psids(OUTDOOR, 0, 80);

		List<LookupOutcome> outcomes = client.lookup(ids);

		assertThat(outcomes).allMatch(LookupOutcome.Resolved.class::isInstance);
		long nulls = emulator.counters().faults(FaultKind.NULL_BATCH_ITEM);
		assertThat(nulls).isPositive();
		assertThat(emulator.counters().calls(OUTDOOR, CallOutcome.OK)).as("each ID answered once").isEqualTo(80);
		assertThat(emulator.counters().calls(OUTDOOR)).as("only null items sent again").isEqualTo(80 + nulls);
	}

	@Test
	void transientFaultsAreRetriedWithinTheBound() {
		GraphEmulator emulator = emulator(config -> config.faults(new FaultSettings(0.15, 0, 0.1, 0.1, 0.1, 0.05,
				Duration.ZERO, 11)));
		// About 40 % of requests fail, and which request draws which fault follows the threads' order: with 8
		// attempts a chain of failures (0.4^8, about 1 in 1,500) lost an ID in CI; 30 attempts make it ~10^-12.
		GraphClient client = client(emulator, credentials(), config -> config.maxAttempts(30));

		List<LookupOutcome> outcomes = client.lookup(TestWorld.psids(OUTDOOR, 0, 60));

		assertThat(outcomes).allMatch(LookupOutcome.Resolved.class::isInstance);
		assertThat(client.metrics().transientFaults()).isPositive();
		assertThat(client.metrics().retries()).isPositive();
	}

	@Test
	void persistentFaultsEndInUnavailableAfterMaxAttempts() {
		GraphEmulator emulator = emulator(config -> config.faults(FaultSettings.none().withHtmlPage(1.0)));
		GraphClient client = client(emulator, credentials(), config -> config.maxAttempts(3));

		List<LookupOutcome> outcomes = client.lookup(TestWorld.psids(OUTDOOR, 0, 5));

		assertThat(outcomes).hasSize(5).allMatch(LookupOutcome.Unavailable.class::isInstance);
		assertThat(emulator.counters().httpRequests()).isEqualTo(3);
	}

	@Test
	void followsEdgeCursorsForAPersonWithMoreIdsThanOnePage() {
		GraphEmulator emulator = emulator(UnaryOperator.identity());
		GraphClient client = client(emulator, credentials(), config -> config.edgePageLimit(2));
		ScopedId input = TestWorld.psid(OUTDOOR, 0);

		List<LookupOutcome> outcomes = client.lookup(List.of(input));

		List<ScopedId> expected = TestWorld.FIXTURE.idsOfPersonOwning(input);
		assertThat(expected).hasSizeGreaterThan(4);
		assertThat(outcomes.get(0)).isInstanceOfSatisfying(LookupOutcome.Resolved.class,
				resolved -> assertThat(resolved.linked()).containsExactlyInAnyOrderElementsOf(expected));
		// 5 ASIDs and 3 PSIDs at 2 per page: both edges advance together, so 3 reads.
		assertThat(emulator.counters().calls(OUTDOOR)).isEqualTo(3);
	}

	@Test
	void targetAppsAndPagesFilterTheAnswer() {
		GraphEmulator emulator = emulator(UnaryOperator.identity());
		GraphClient client = client(emulator, credentials(),
				config -> config.targetApps(List.of(SHOP)).targetPages(List.of(SUPPORT)));

		List<LookupOutcome> outcomes = client.lookup(List.of(TestWorld.psid(OUTDOOR, 0)));

		assertThat(outcomes.get(0)).isInstanceOfSatisfying(LookupOutcome.Resolved.class,
				resolved -> assertThat(resolved.linked()).containsExactlyInAnyOrder(TestWorld.asid(SHOP, 0),
						TestWorld.psid(SUPPORT, 0)));
	}

	@Test
	void bothProofFormsAreAccepted() {
		GraphEmulator emulator = emulator(UnaryOperator.identity());
		for (ProofMode mode : ProofMode.values()) {
			GraphClient client = client(emulator, credentials(), config -> config.proofMode(mode));

			List<LookupOutcome> outcomes = client.lookup(List.of(TestWorld.psid(OUTDOOR, 7), TestWorld.asid(SHOP, 7)));

			assertThat(outcomes).as(mode.name()).allMatch(LookupOutcome.Resolved.class::isInstance);
			assertThat(client.preflight()).as(mode.name()).isEmpty();
		}
	}

	@Test
	void aThrottledScopeRecoversAndTheRemainingIdsResolve() {
		GraphEmulator emulator = emulator(config -> config.pageCallBudget(20)
			.rateLimitWindow(Duration.ofSeconds(10))
			.usageHeaderFloor(0));
		GraphClient client = client(emulator, credentials(),
				config -> config.usageWindow(Duration.ofSeconds(10)).maxThrottleWait(Duration.ofHours(1)));

		List<LookupOutcome> outcomes = client.lookup(TestWorld.psids(OUTDOOR, 0, 70));

		assertThat(outcomes).allMatch(LookupOutcome.Resolved.class::isInstance);
		assertThat(client.metrics().throttleWaits()).isPositive();
		assertThat(emulator.counters().calls(OUTDOOR, CallOutcome.OK)).isEqualTo(70);
	}

	@Test
	void aClientBudgetEqualToTheServersRunsWithoutBeingThrottled() {
		GraphEmulator emulator = emulator(config -> config.pageCallBudget(20)
			.rateLimitWindow(Duration.ofSeconds(10))
			.usageHeaderFloor(0));
		GraphClient client = client(emulator, credentials(), config -> config
			.pageBudget(new CallBudget(20, Duration.ofSeconds(10)))
			.maxThrottleWait(Duration.ofHours(1)));

		List<LookupOutcome> outcomes = client.lookup(TestWorld.psids(OUTDOOR, 0, 70));

		assertThat(outcomes).allMatch(LookupOutcome.Resolved.class::isInstance);
		assertThat(emulator.counters().calls(OUTDOOR, CallOutcome.THROTTLED)).isZero();
		assertThat(client.metrics().throttledAnswers()).isZero();
	}

	@Test
	void aScopeThrottledBeyondTheWaitBoundAnswersUnavailable() {
		GraphEmulator emulator = emulator(config -> config.pageCallBudget(5).rateLimitWindow(Duration.ofHours(1)));
		GraphClient client = client(emulator, credentials(), config -> config.maxThrottleWait(Duration.ofMinutes(1)));

		List<LookupOutcome> outcomes = client.lookup(TestWorld.psids(OUTDOOR, 0, 30));

		assertThat(outcomes).filteredOn(LookupOutcome.Resolved.class::isInstance).hasSizeBetween(1, 5);
		assertThat(outcomes).filteredOn(LookupOutcome.Unavailable.class::isInstance).isNotEmpty();
		assertThat(outcomes).allMatch(o -> o instanceof LookupOutcome.Resolved || o instanceof LookupOutcome.Unavailable);
	}

	@Test
	void preflightNamesTheBrokenCredentialAndWhatToSet() {
		GraphEmulator emulator = emulator(UnaryOperator.identity());
		GraphClient client = client(emulator, withPageToken(SUPPORT, TestWorld.expiredTokenOf(SUPPORT)),
				UnaryOperator.identity());

		List<String> problems = client.preflight();

		assertThat(problems).singleElement().asString()
			.contains("Page " + SUPPORT, "CROSSWALK_PAGE_" + SUPPORT + "_TOKEN")
			.doesNotContain(TestWorld.expiredTokenOf(SUPPORT));
	}

	@Test
	void explainCallShowsTheExchangeWithCredentialsMasked() {
		GraphEmulator emulator = emulator(UnaryOperator.identity());
		GraphClient client = client(emulator);

		RawExchange exchange = client.call(TestWorld.psid(OUTDOOR, 4), TestWorld.psid(OUTDOOR, 4).id() + "/ids_for_apps",
				Map.of("limit", "10"));

		assertThat(exchange.status()).isEqualTo(200);
		assertThat(exchange.body()).contains(TestWorld.asid(SHOP, 4).id());
		assertThat(exchange.redactedUrl()).contains("access_token=***", "appsecret_proof=***")
			.doesNotContain(TestWorld.tokenOf(OUTDOOR));
	}

	@Test
	void eachIdIsSentAtMostMaxAttemptsTimesWhicheverRetriesItsFaultsCallFor() {
		GraphEmulator emulator = emulator(UnaryOperator.identity());
		GraphClient client = client(emulator, credentials(), config -> config.maxAttempts(3));
		// open the scope first: a failing probe would make the others give up without a call
		assertThat(client.lookup(List.of(TestWorld.psid(OUTDOOR, 0)))).allMatch(LookupOutcome.Resolved.class::isInstance);
		emulator.updateFaults(new FaultSettings(0.3, 0, 0.15, 0.15, 0.1, 0.2, Duration.ZERO, 5));
		emulator.resetCounters();
		List<ScopedId> ids = TestWorld.psids(OUTDOOR, 1, 60);

		List<LookupOutcome> outcomes = client.lookup(ids);

		long spent = 0;
		for (LookupOutcome outcome : outcomes) {
			long requests = emulator.counters().requestsFor(outcome.input().id());
			if (outcome instanceof LookupOutcome.Unavailable) {
				assertThat(requests).as("%s gave up after its whole budget", outcome.input()).isEqualTo(3);
				spent++;
			}
			else {
				assertThat(outcome).isInstanceOf(LookupOutcome.Resolved.class);
				assertThat(requests).as("requests for %s", outcome.input()).isBetween(1L, 3L);
			}
		}
		assertThat(spent).as("the faults were frequent enough to spend some budgets").isPositive();
	}

	@Test
	void aTooManyRequestsAnswerIsWaitedOutForItsRetryAfterWithoutSpendingTheBudget() {
		GraphEmulator emulator = emulator(config -> config.faults(FaultSettings.none()
			.withError(ErrorFault.first(FaultKind.TOO_MANY_REQUESTS, null, 1).withRetryAfter(Duration.ofSeconds(120)))));
		GraphClient client = client(emulator, credentials(),
				config -> config.maxAttempts(1).maxThrottleWait(Duration.ofHours(1)));
		ScopedId id = TestWorld.psid(OUTDOOR, 2);

		List<LookupOutcome> outcomes = client.lookup(List.of(id));

		assertThat(outcomes).singleElement().isInstanceOf(LookupOutcome.Resolved.class);
		assertThat(emulator.counters().faults(FaultKind.TOO_MANY_REQUESTS)).isEqualTo(1);
		assertThat(emulator.counters().requestsFor(id.id())).isEqualTo(2);
		List<Instant> calls = emulator.counters().callTimes(OUTDOOR);
		assertThat(Duration.between(calls.get(0), calls.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void aServiceUnavailableAnswerSpendsAnAttemptAndHoldsTheScopeForItsRetryAfter() {
		GraphEmulator emulator = emulator(config -> config.faults(FaultSettings.none()
			.withError(ErrorFault.first(FaultKind.SERVICE_UNAVAILABLE, null, 1).withRetryAfter(Duration.ofSeconds(60)))));
		GraphClient client = client(emulator, credentials(), config -> config.maxAttempts(3));
		ScopedId id = TestWorld.psid(OUTDOOR, 2);

		assertThat(client.lookup(List.of(id))).singleElement().isInstanceOf(LookupOutcome.Resolved.class);

		assertThat(emulator.counters().requestsFor(id.id())).isEqualTo(2);
		assertThat(client.metrics().retries()).isEqualTo(1);
		List<Instant> calls = emulator.counters().callTimes(OUTDOOR);
		assertThat(Duration.between(calls.get(0), calls.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void theTopLevelTokenOfABatchIsItsAppsOwnAndADeadOneIsNotPinnedOnThePagesIds() {
		GraphEmulator emulator = emulator(UnaryOperator.identity());
		BusinessCredentials business = credentials();
		BusinessCredentials deadAppToken = new BusinessCredentials(business.businessId(), business.apps()
			.stream()
			.map(app -> app.appId().equals(SHOP)
					? new AppCredentials(SHOP, app.secret(), TestWorld.expiredTokenOf(SHOP)) : app)
			.toList(), business.pages());
		GraphClient client = client(emulator, deadAppToken, UnaryOperator.identity());

		List<LookupOutcome> outcomes = client.lookup(TestWorld.psids(OUTDOOR, 0, 5));

		// the batch went with SHOP's token on top; refused, it closed SHOP's scope, and OUTDOOR's IDs went again
		// under their own Page token
		assertThat(outcomes).allMatch(LookupOutcome.Resolved.class::isInstance);
		assertThat(client.scopeStatus(Scope.app(SHOP)).state()).isEqualTo(ScopeStatus.State.FAILED_AUTH);
		assertThat(client.scopeStatus(Scope.page(OUTDOOR)).state()).isEqualTo(ScopeStatus.State.ACTIVE);
		assertThat(client.lookup(List.of(TestWorld.asid(SHOP, 3)))).singleElement()
			.isInstanceOf(LookupOutcome.FailedAuth.class);
	}

	@Test
	void aPermissionErrorThatIsNotTheReviewClosesTheScopeAfterOneCallInItsOwnReport() {
		GraphEmulator emulator = emulator(config -> config.faults(FaultSettings.none()
			.withError(ErrorFault.always(FaultKind.PERMISSION_ERROR, SUPPORT))
			.withError(ErrorFault.always(FaultKind.PERMISSION_DENIED, SHOP))));
		GraphClient client = client(emulator);
		List<ScopedId> ids = new ArrayList<>(TestWorld.psids(SUPPORT, 0, 30));
		ids.addAll(TestWorld.asids(SHOP, 0, 20));
		ids.addAll(TestWorld.psids(OUTDOOR, 0, 5));

		List<LookupOutcome> outcomes = client.lookup(ids);

		assertThat(outcomes.subList(0, 30)).allSatisfy(outcome -> assertThat(outcome)
			.isInstanceOfSatisfying(LookupOutcome.PermissionDenied.class, denied -> {
				assertThat(denied.code()).isEqualTo(200);
				assertThat(denied.message()).contains("Permissions error");
			}));
		assertThat(outcomes.subList(30, 50)).allSatisfy(outcome -> assertThat(outcome)
			.isInstanceOfSatisfying(LookupOutcome.PermissionDenied.class, d -> assertThat(d.code()).isEqualTo(10)));
		assertThat(outcomes.subList(50, 55)).allMatch(LookupOutcome.Resolved.class::isInstance);
		assertThat(emulator.counters().calls(SUPPORT)).isEqualTo(1);
		assertThat(emulator.counters().calls(SHOP)).isEqualTo(1);
		assertThat(client.scopeStatus(Scope.page(SUPPORT)).state()).isEqualTo(ScopeStatus.State.PERMISSION_DENIED);
		assertThat(client.blockedScopes()).as("not the review").isEmpty();
		assertThat(client.metrics().permissionDeniedScopes()).isEqualTo(2);
		assertThat(client.metrics().blockedScopes()).isZero();
	}

	@Test
	void anAppRequestLimitPausesEveryScopeReadWithTheAppsTokens() {
		GraphEmulator emulator = emulator(config -> config.faults(FaultSettings.none()
			.withError(ErrorFault.first(FaultKind.APP_LIMIT, OUTDOOR, 1))));
		GraphClient client = client(emulator, credentials(), config -> config.throttleBackoff(Duration.ofMinutes(5))
			.maxThrottleWait(Duration.ofMinutes(1)));

		assertThat(client.lookup(List.of(TestWorld.psid(OUTDOOR, 1))))
			.singleElement().isInstanceOf(LookupOutcome.Unavailable.class);

		// SHOP made OUTDOOR's token: SHOP's own scope and its other Page are paused too, REWARDS' Page is not
		assertThat(client.scopeStatus(Scope.page(SUPPORT)).state()).isEqualTo(ScopeStatus.State.PAUSED);
		assertThat(client.scopeStatus(Scope.app(SHOP)).state()).isEqualTo(ScopeStatus.State.PAUSED);
		assertThat(client.scopeStatus(Scope.page(CLUB)).state()).isEqualTo(ScopeStatus.State.ACTIVE);
		assertThat(client.lookup(TestWorld.psids(SUPPORT, 0, 3))).allMatch(LookupOutcome.Unavailable.class::isInstance);
		assertThat(emulator.counters().calls(SUPPORT)).as("no call while the app is limited").isZero();
	}

	@Test
	void aPolicyBlockWaitsLongIsReportedAndIsNotProbedAgain() {
		GraphEmulator emulator = emulator(config -> config.faults(FaultSettings.none()
			.withError(ErrorFault.always(FaultKind.POLICY_BLOCK, OUTDOOR))));
		GraphClient client = client(emulator, credentials(), config -> config.maxThrottleWait(Duration.ofHours(1)));

		List<LookupOutcome> first = client.lookup(TestWorld.psids(OUTDOOR, 0, 10));
		List<LookupOutcome> second = client.lookup(TestWorld.psids(OUTDOOR, 10, 10));

		assertThat(first).hasSize(10).allSatisfy(outcome -> assertThat(outcome)
			.isInstanceOfSatisfying(LookupOutcome.Unavailable.class,
					u -> assertThat(u.reason()).contains("blocked by Graph for policy (#368)")));
		assertThat(second).allMatch(LookupOutcome.Unavailable.class::isInstance);
		assertThat(emulator.counters().calls(OUTDOOR)).isEqualTo(1);
		assertThat(client.scopeStatus(Scope.page(OUTDOOR))).satisfies(status -> {
			assertThat(status.state()).isEqualTo(ScopeStatus.State.POLICY_BLOCKED);
			assertThat(status.until()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
		});
		assertThat(client.metrics().policyBlockedScopes()).isEqualTo(1);
	}

	@Test
	void batchesNeverMixTheIdsOfTwoApps() {
		GraphEmulator emulator = emulator(UnaryOperator.identity());
		GraphClient client = client(emulator);
		String other = EXTRA_APPS.get(0);

		// three probes at once: SHOP's ASID and its Page's PSID may share a batch, the other app's ASID may not
		List<LookupOutcome> outcomes = client.lookup(List.of(TestWorld.asid(SHOP, 0), TestWorld.psid(OUTDOOR, 0),
				TestWorld.asid(other, 0)));

		assertThat(outcomes).allMatch(LookupOutcome.Resolved.class::isInstance);
		assertThat(emulator.counters().httpRequests()).isEqualTo(2);
		assertThat(client.metrics().maxItemsPerBatch()).isEqualTo(2);
	}

	@Test
	void aProfileErrorIsReadAgainWithoutTheProfileFieldsSoTheLinksAreKept() {
		GraphEmulator emulator = emulator(config -> config.faults(FaultSettings.none()
			.withError(ErrorFault.first(FaultKind.PROFILE_UNAVAILABLE, OUTDOOR, 1))));
		GraphClient client = client(emulator, credentials(), config -> config.psidProfileFields(List.of("name")));
		ScopedId input = TestWorld.psid(OUTDOOR, 3);

		List<LookupOutcome> outcomes = client.lookup(List.of(input));

		assertThat(outcomes).singleElement().isInstanceOfSatisfying(LookupOutcome.Resolved.class, resolved -> {
			assertThat(resolved.linked()).containsExactlyInAnyOrderElementsOf(
					TestWorld.FIXTURE.idsOfPersonOwning(input));
			assertThat(resolved.profile()).isEmpty();
		});
		assertThat(emulator.counters().requestsFor(input.id())).isEqualTo(2);
		assertThat(client.metrics().profileRetries()).isEqualTo(1);
	}

	@Test
	void aScopeThatMayNotReadProfilesIsReadWithoutThemAfterOneRefusal() {
		GraphEmulator emulator = emulator(config -> config.faults(FaultSettings.none()
			.withError(ErrorFault.first(FaultKind.PERMISSION_DENIED, OUTDOOR, 1))));
		GraphClient client = client(emulator, credentials(), config -> config.psidProfileFields(List.of("name")));

		assertThat(client.lookup(List.of(TestWorld.psid(OUTDOOR, 1)))).allMatch(LookupOutcome.Resolved.class::isInstance);
		assertThat(client.lookup(TestWorld.psids(OUTDOOR, 2, 10))).allSatisfy(outcome -> assertThat(outcome)
			.isInstanceOfSatisfying(LookupOutcome.Resolved.class, r -> assertThat(r.profile()).isEmpty()));

		assertThat(emulator.counters().calls(OUTDOOR)).as("one refusal, then one call an ID").isEqualTo(12);
	}

	@Test
	void aPageLackingPagesMessagingKeepsItsLinksWhileAPageWithItGetsProfiles() {
		GraphEmulator emulator = GraphEmulator.start(TestWorld.withoutProfileAccess(SUPPORT),
				EmulatorConfig.custom().port(0).clock(clock).build());
		resources.add(emulator);
		GraphClient client = client(emulator, credentials(), config -> config.psidProfileFields(List.of("name")));
		List<ScopedId> ids = new ArrayList<>(TestWorld.psids(SUPPORT, 1, 5));
		ids.addAll(TestWorld.psids(OUTDOOR, 1, 5));

		List<LookupOutcome> outcomes = client.lookup(ids);

		// the strict emulator refuses SUPPORT's profile reads (#230, no pages_messaging); the client reads them
		// again without the profile fields, so every ID keeps its links
		for (int i = 0; i < ids.size(); i++) {
			ScopedId input = ids.get(i);
			boolean withProfile = input.scopeId().equals(OUTDOOR);
			assertThat(outcomes.get(i)).as(input.toString())
				.isInstanceOfSatisfying(LookupOutcome.Resolved.class, resolved -> {
					assertThat(resolved.linked()).containsExactlyInAnyOrderElementsOf(
							TestWorld.FIXTURE.idsOfPersonOwning(input));
					if (withProfile) {
						assertThat(resolved.profile()).containsKey("name");
					}
					else {
						assertThat(resolved.profile()).isEmpty();
					}
				});
		}
		assertThat(client.scopeState(Scope.page(SUPPORT)).profileRefused()).isTrue();
		assertThat(client.scopeState(Scope.page(OUTDOOR)).profileRefused()).isFalse();
		assertThat(emulator.counters().calls(SUPPORT, CallOutcome.PERMISSION_DENIED)).isPositive();
	}

	@Test
	void aLenientEmulatorServesProfilesToAPageLackingPagesMessaging() {
		GraphEmulator emulator = GraphEmulator.start(TestWorld.withoutProfileAccess(SUPPORT),
				EmulatorConfig.custom().port(0).clock(clock).lenient(true).build());
		resources.add(emulator);
		GraphClient client = client(emulator, credentials(), config -> config.psidProfileFields(List.of("name")));

		assertThat(client.lookup(TestWorld.psids(SUPPORT, 1, 3))).allSatisfy(outcome -> assertThat(outcome)
			.isInstanceOfSatisfying(LookupOutcome.Resolved.class, r -> assertThat(r.profile()).containsKey("name")));
		assertThat(client.metrics().profileRetries()).isZero();
	}

	@Test
	void aPageIsPausedOnTheSecondBusinessObjectOfItsUsageHeaderWhenOnlyThatOneIsNearItsLimit() {
		// OUTDOOR's own "pages" object is nearly unused; a second object (its app's "messenger" use case) is at 95 %
		GraphEmulator emulator = emulator(config -> config.pageCallBudget(1_000_000)
			.rateLimitWindow(Duration.ofHours(1))
			.extraBusinessUseCaseUsage(OUTDOOR, new BusinessUseCaseUsage(SHOP, "messenger", 95, 40, 40, 5)));
		GraphClient client = client(emulator, credentials(), config -> config.maxThrottleWait(Duration.ofMinutes(1)));

		List<LookupOutcome> outcomes = client.lookup(TestWorld.psids(OUTDOOR, 0, 10));

		assertThat(outcomes.get(0)).as("the probe").isInstanceOf(LookupOutcome.Resolved.class);
		assertThat(outcomes.subList(1, 10)).allMatch(LookupOutcome.Unavailable.class::isInstance);
		assertThat(client.scopeStatus(Scope.page(OUTDOOR)).state()).isEqualTo(ScopeStatus.State.PAUSED);
		assertThat(emulator.counters().calls(OUTDOOR)).as("no call while paused").isEqualTo(1);
		assertThat(client.scopeStatus(Scope.page(SUPPORT)).state()).isEqualTo(ScopeStatus.State.ACTIVE);
	}

	@Test
	void theUsageAtTheTopLevelOfABatchIsCreditedToItsAppNotToItsItemsPage() {
		// only the top level of a batch (SHOP's token) reports SHOP's object; OUTDOOR's items report nothing
		GraphEmulator emulator = emulator(config -> config
			.extraBusinessUseCaseUsage(SHOP, new BusinessUseCaseUsage(SHOP, "ads_management", 96, 50, 50, 5)));
		GraphClient client = client(emulator, credentials(), config -> config.maxThrottleWait(Duration.ofMinutes(1)));

		List<LookupOutcome> psids = client.lookup(TestWorld.psids(OUTDOOR, 0, 10));

		assertThat(psids).allMatch(LookupOutcome.Resolved.class::isInstance);
		assertThat(client.scopeStatus(Scope.page(OUTDOOR)).state()).isEqualTo(ScopeStatus.State.ACTIVE);
		assertThat(client.scopeStatus(Scope.app(SHOP)).state()).isEqualTo(ScopeStatus.State.PAUSED);
		assertThat(client.lookup(TestWorld.asids(SHOP, 0, 3))).allMatch(LookupOutcome.Unavailable.class::isInstance);
		assertThat(emulator.counters().calls(SHOP)).as("no ASID read while SHOP is paused").isZero();
	}

	@Test
	void refusesPlainHttpToAnythingButLoopback() {
		assertThatIllegalArgumentException().isThrownBy(() -> new GraphClient(
				GraphClientConfig.custom().baseUrl("http://graph.facebook.com").build(), credentials()));
	}

	@Test
	void noSecretReachesLogsOutcomesOrMessagesAfterRunsWithErrors() {
		GraphEmulator emulator = emulator(
				config -> config.faults(new FaultSettings(0.1, 0, 0.1, 0.1, 0.1, 0.1, Duration.ZERO, 3)));
		BusinessCredentials broken = withPageToken(SUPPORT, TestWorld.expiredTokenOf(SUPPORT));
		GraphClient client = client(emulator, broken, config -> config.maxAttempts(6));
		List<ScopedId> ids = new ArrayList<>(TestWorld.psids(OUTDOOR, 0, 20));
		ids.addAll(TestWorld.psids(SUPPORT, 0, 5));
		ids.addAll(TestWorld.psids(CLUB, 0, 5));
		ids.add(ScopedId.asid(SHOP, "12345"));

		List<LookupOutcome> outcomes = client.lookup(ids);
		List<String> problems = client.preflight();

		Set<String> secrets = new HashSet<>();
		for (AppCredentials app : broken.apps()) {
			secrets.add(app.secret());
			secrets.add(app.effectiveToken());
			secrets.add(AppSecretProof.classic(app.effectiveToken(), app.secret()).proof());
		}
		for (PageCredentials page : broken.pages()) {
			secrets.add(page.pageToken());
		}
		List<String> texts = new ArrayList<>();
		logs.list.forEach(event -> {
			texts.add(event.getFormattedMessage());
			if (event.getThrowableProxy() != null) {
				texts.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
			}
		});
		outcomes.forEach(outcome -> texts.add(outcome.toString()));
		texts.addAll(problems);
		texts.add(client.toString());
		texts.add(client.config().toString());
		texts.add(client.scopeStatuses().toString());
		assertThat(logs.list).isNotEmpty();
		assertThat(outcomes).anyMatch(LookupOutcome.FailedAuth.class::isInstance)
			.anyMatch(LookupOutcome.Blocked.class::isInstance)
			.anyMatch(LookupOutcome.Rejected.class::isInstance);
		for (String text : texts) {
			for (String secret : secrets) {
				assertThat(text).doesNotContain(secret);
			}
		}
	}
}
