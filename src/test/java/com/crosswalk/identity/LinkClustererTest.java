package com.crosswalk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class LinkClustererTest {

	/**
	 * Most tests here exercise customer_id joins and the scope/size guards, so they turn off the rule that Graph
	 * persons are never joined by a customer_id ({@link #aCustomerIdNeverJoinsTwoPersonsTheGraphApiKeepsApart}).
	 */
	private static final MergeGuards LETTING_CUSTOMERS_JOIN = MergeGuards.builder().graphSeparatesPersons(false).build();

	@Test
	void aCustomerIdNeverJoinsTwoPersonsTheGraphApiKeepsApart() {
		LinkClusterer clusterer = new LinkClusterer(MergeGuards.defaults());
		Identifier a1 = Identifier.asid("111", "2001");
		Identifier p1 = Identifier.psid("222", "1001");
		Identifier a2 = Identifier.asid("112", "2002");
		Identifier household = Identifier.customer("C1");
		clusterer.addLink(a1, p1, LinkKind.GRAPH);
		clusterer.addLink(household, p1, LinkKind.CUSTOMER);
		clusterer.addLink(household, a2, LinkKind.CUSTOMER);

		ClusteringResult result = clusterer.cluster();

		assertThat(result.personKeyOf(a1)).isEqualTo(result.personKeyOf(p1));
		assertThat(result.personKeyOf(a2)).isNotEqualTo(result.personKeyOf(p1));
		assertThat(result.violations()).singleElement()
			.satisfies(v -> assertThat(v.rule()).isEqualTo(GuardRule.GRAPH_SEPARATES_PERSONS));
	}


	private static final Instant OLD = Instant.parse("2024-01-01T00:00:00Z");

	private static final Instant NEW = Instant.parse("2025-06-01T00:00:00Z");

	private final Identifier psid1 = Identifier.psid("222", "1001");

	private final Identifier psid2 = Identifier.psid("223", "1002");

	private final Identifier asid1 = Identifier.asid("111", "2001");

	private final Identifier asid2 = Identifier.asid("111", "2002");

	private final Identifier customer = Identifier.customer("C1");

	@Test
	void graphAndCustomerLinksJoinIntoOnePersonKeyedByItsAnchor() {
		LinkClusterer clusterer = new LinkClusterer(LETTING_CUSTOMERS_JOIN);
		clusterer.addLink(psid1, asid1, LinkKind.GRAPH);
		clusterer.addLink(customer, psid2, LinkKind.CUSTOMER);
		clusterer.addLink(customer, psid1, LinkKind.CUSTOMER);
		clusterer.addIdentifier(asid2);
		ClusteringResult result = clusterer.cluster();

		String joined = PersonKeys.derive(asid1);
		assertThat(joined).matches("p_[0-9a-f]{16}");
		assertThat(keys(result)).containsExactlyInAnyOrderEntriesOf(Map.of(psid1, joined, asid1, joined,
				psid2, joined, customer, joined, asid2, PersonKeys.derive(asid2)));
		assertThat(result.persons().map(Person::identifiers)).containsExactly(List.of(asid1, customer, psid1, psid2),
				List.of(asid2));
		assertThat(result.persons()).allMatch(Person::newKey);
		assertThat(result.stats().personsBySize()).containsExactly(Map.entry(1, 1), Map.entry(4, 1));
		assertThat(result.stats().graphLinks()).isEqualTo(1);
		assertThat(result.stats().customerLinks()).isEqualTo(2);
		assertThat(result.mergeEvents()).isEmpty();
		assertThat(result.violations()).isEmpty();
	}

	@Test
	void oldestKeyWinsAndTheOtherIsLoggedAsMerged() {
		LinkClusterer clusterer = new LinkClusterer(LETTING_CUSTOMERS_JOIN);
		clusterer.addExistingAssignment(psid1, "p_new", NEW);
		clusterer.addExistingAssignment(asid1, "p_old", OLD);
		clusterer.addLink(psid1, asid1, LinkKind.GRAPH);
		ClusteringResult result = clusterer.cluster();
		assertThat(result.personKeyOf(psid1)).isEqualTo("p_old");
		assertThat(result.personKeyOf(asid1)).isEqualTo("p_old");
		assertThat(result.mergeEvents()).containsExactly(new MergeEvent("p_new", "p_old", LinkKind.GRAPH,
				"psid:222:1001 (was p_new) and asid:111:2001 (was p_old) are now one person"));
		assertThat(result.persons()).singleElement().satisfies(p -> assertThat(p.newKey()).isFalse());
		assertThat(result.stats().keptKeys()).isEqualTo(1);
		assertThat(result.assignments().filter(Assignment::changed)).extracting(Assignment::identifier)
			.containsExactly(psid1);
	}

	@Test
	void equallyOldKeysTieBreakOnTheSmallerKey() {
		LinkClusterer clusterer = new LinkClusterer(LETTING_CUSTOMERS_JOIN);
		clusterer.addExistingAssignment(psid1, "p_b", OLD);
		clusterer.addExistingAssignment(asid1, "p_a", OLD);
		clusterer.addLink(customer, psid1, LinkKind.CUSTOMER);
		clusterer.addLink(customer, asid1, LinkKind.CUSTOMER);
		ClusteringResult result = clusterer.cluster();
		assertThat(result.personKeyOf(customer)).isEqualTo("p_a");
		assertThat(result.mergeEvents()).singleElement().satisfies(e -> {
			assertThat(e.fromKey()).isEqualTo("p_b");
			assertThat(e.reason()).isEqualTo(LinkKind.CUSTOMER);
			assertThat(e.evidence()).endsWith("; joined through customer::C1");
		});
	}

	@Test
	void chainThroughANewIdentifierMergesBothEnds() {
		Identifier a = Identifier.psid("222", "1");
		Identifier b = Identifier.asid("111", "2");
		Identifier c = Identifier.psid("223", "3");
		LinkClusterer clusterer = new LinkClusterer(LETTING_CUSTOMERS_JOIN);
		clusterer.addExistingAssignment(a, "p_a", OLD);
		clusterer.addExistingAssignment(c, "p_c", NEW);
		clusterer.addLink(a, b, LinkKind.GRAPH);
		clusterer.addLink(c, b, LinkKind.GRAPH);
		ClusteringResult result = clusterer.cluster();
		assertThat(keys(result).values()).containsOnly("p_a");
		assertThat(result.mergeEvents()).extracting(MergeEvent::fromKey, MergeEvent::toKey)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("p_c", "p_a"));
	}

	@Test
	void sameInputInAnyOrderGivesTheSameKeysEventsAndViolations() {
		List<Runnable> script = new ArrayList<>();
		List<Object[]> links = new ArrayList<>();
		Random random = new Random(42);
		for (int i = 0; i < 2000; i++) {
			Identifier p = Identifier.psid(String.valueOf(200 + random.nextInt(3)), String.valueOf(1 + random.nextInt(800)));
			Identifier a = Identifier.asid(String.valueOf(100 + random.nextInt(2)), String.valueOf(1 + random.nextInt(800)));
			Identifier c = Identifier.customer("C" + random.nextInt(600));
			links.add(new Object[] { p, a, LinkKind.GRAPH });
			links.add(new Object[] { c, random.nextBoolean() ? p : a, LinkKind.CUSTOMER });
		}
		List<Object[]> previous = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			Identifier p = Identifier.psid(String.valueOf(200 + random.nextInt(3)), String.valueOf(1 + random.nextInt(800)));
			previous.add(new Object[] { p, "p_prev" + random.nextInt(100), OLD.plusSeconds(random.nextInt(5)) });
		}
		MergeGuards guards = MergeGuards.builder().graphSeparatesPersons(false).maxIdsPerPerson(8).build();
		ClusteringResult first = run(guards, links, previous, false, 0);
		assertThat(first.violations()).isNotEmpty();
		assertThat(first.mergeEvents()).isNotEmpty();
		for (long seed = 1; seed <= 3; seed++) {
			ClusteringResult shuffled = run(guards, links, previous, true, seed);
			assertThat(keys(shuffled)).isEqualTo(keys(first));
			assertThat(shuffled.mergeEvents()).isEqualTo(first.mergeEvents());
			assertThat(shuffled.splitEvents()).isEqualTo(first.splitEvents());
			assertThat(shuffled.violations()).isEqualTo(first.violations());
			assertThat(shuffled.persons().toList()).isEqualTo(first.persons().toList());
		}
	}

	private static ClusteringResult run(MergeGuards guards, List<Object[]> links, List<Object[]> previous,
			boolean shuffle, long seed) {
		List<Object[]> l = new ArrayList<>(links);
		List<Object[]> p = new ArrayList<>(previous);
		if (shuffle) {
			Collections.shuffle(l, new Random(seed));
			Collections.shuffle(p, new Random(seed));
		}
		LinkClusterer clusterer = new LinkClusterer(guards, 16);
		for (Object[] prev : p) {
			clusterer.addExistingAssignment((Identifier) prev[0], (String) prev[1], (Instant) prev[2]);
		}
		for (Object[] link : l) {
			boolean swap = shuffle && (link[0].hashCode() + seed) % 2 == 0;
			clusterer.addLink((Identifier) link[swap ? 1 : 0], (Identifier) link[swap ? 0 : 1], (LinkKind) link[2]);
		}
		return clusterer.cluster();
	}

	@Test
	void customerLinkThatWouldGiveTwoAsidsOfOneAppIsRefused() {
		LinkClusterer clusterer = new LinkClusterer(LETTING_CUSTOMERS_JOIN);
		clusterer.addLink(customer, asid2, LinkKind.CUSTOMER);
		clusterer.addLink(customer, asid1, LinkKind.CUSTOMER);
		ClusteringResult result = clusterer.cluster();
		// links apply in canonical order: asid 2001 joins first, 2002 is refused
		assertThat(result.personKeyOf(asid1)).isEqualTo(result.personKeyOf(customer));
		assertThat(result.personKeyOf(asid2)).isNotEqualTo(result.personKeyOf(customer));
		assertThat(result.violations()).singleElement().satisfies(v -> {
			assertThat(v.rule()).isEqualTo(GuardRule.ONE_ASID_PER_APP);
			assertThat(v.source()).isEqualTo(LinkKind.CUSTOMER);
			assertThat(v.identifiers()).containsExactly(asid1, asid2, customer);
			assertThat(v.detail()).isEqualTo("customer_id link asid:111:2002 — customer::C1 not merged: "
					+ "asid:111:2001 and asid:111:2002 are two ASIDs of app 111; one person has one ASID per app");
		});
		assertThat(result.stats().customerLinksRefused()).isEqualTo(1);
	}

	@Test
	void customerIdJoinsTheGraphConfirmedPersonBeforeAStrayId() {
		Identifier stray = Identifier.asid("111", "1000");
		LinkClusterer clusterer = new LinkClusterer(MergeGuards.defaults());
		clusterer.addLink(psid1, asid1, LinkKind.GRAPH);
		clusterer.addLink(customer, stray, LinkKind.CUSTOMER);
		clusterer.addLink(customer, psid1, LinkKind.CUSTOMER);
		ClusteringResult result = clusterer.cluster();
		assertThat(result.personKeyOf(customer)).isEqualTo(result.personKeyOf(asid1));
		assertThat(result.personKeyOf(stray)).isNotEqualTo(result.personKeyOf(customer));
		// the stray ASID is a person of its own in Graph's eyes: the customer_id cannot join it to another one
		assertThat(result.violations()).singleElement().satisfies(v -> {
			assertThat(v.rule()).isEqualTo(GuardRule.GRAPH_SEPARATES_PERSONS);
			assertThat(v.identifiers()).containsExactly(stray, customer);
		});
	}

	@Test
	void customerLinksStopAtTheSizeLimit() {
		LinkClusterer clusterer = new LinkClusterer(MergeGuards.builder().graphSeparatesPersons(false).maxIdsPerPerson(3).build());
		for (int page = 1; page <= 4; page++) {
			clusterer.addLink(customer, Identifier.psid("30" + page, "5"), LinkKind.CUSTOMER);
		}
		ClusteringResult result = clusterer.cluster();
		assertThat(result.stats().largestPerson()).isEqualTo(3);
		assertThat(result.violations()).hasSize(2).allSatisfy(v -> {
			assertThat(v.rule()).isEqualTo(GuardRule.MAX_IDS_PER_PERSON);
			assertThat(v.detail()).endsWith("the person would hold 4 identifiers (limit 3)");
		});
		assertThat(result.personKeyOf(Identifier.psid("301", "5"))).isEqualTo(result.personKeyOf(customer));
		assertThat(result.personKeyOf(Identifier.psid("303", "5"))).isNotEqualTo(result.personKeyOf(customer));
	}

	@Test
	void graphComponentBreakingAGuardFallsBackToPreviousPersons() {
		Identifier psid = Identifier.psid("222", "5");
		LinkClusterer clusterer = new LinkClusterer(LETTING_CUSTOMERS_JOIN);
		clusterer.addExistingAssignment(asid1, "p_k1", OLD);
		clusterer.addExistingAssignment(psid, "p_k1", OLD);
		clusterer.addLink(asid1, psid, LinkKind.GRAPH);
		clusterer.addLink(psid, asid2, LinkKind.GRAPH);
		ClusteringResult result = clusterer.cluster();
		assertThat(result.violations()).singleElement().satisfies(v -> {
			assertThat(v.source()).isEqualTo(LinkKind.GRAPH);
			assertThat(v.rule()).isEqualTo(GuardRule.ONE_ASID_PER_APP);
			assertThat(v.identifiers()).containsExactly(asid1, asid2, psid);
			assertThat(v.detail()).contains("kept apart");
		});
		assertThat(result.personKeyOf(asid1)).isEqualTo("p_k1");
		assertThat(result.personKeyOf(psid)).isEqualTo("p_k1");
		assertThat(result.personKeyOf(asid2)).isEqualTo(PersonKeys.derive(asid2));
		assertThat(result.stats().graphComponentsRefused()).isEqualTo(1);
	}

	@Test
	void graphComponentOverTheSizeLimitStandsApartWithoutPreviousKeys() {
		LinkClusterer clusterer = new LinkClusterer(MergeGuards.builder().graphSeparatesPersons(false).maxIdsPerPerson(2).build());
		clusterer.addLink(psid1, asid1, LinkKind.GRAPH);
		clusterer.addLink(asid1, psid2, LinkKind.GRAPH);
		ClusteringResult result = clusterer.cluster();
		assertThat(result.personCount()).isEqualTo(3);
		assertThat(result.violations()).singleElement()
			.satisfies(v -> assertThat(v.detail()).startsWith("Graph links join 3 identifiers into one person (limit 2)"));
	}

	@Test
	void identifiersThatLostTheirLinksSplitOffAndTheMajorityKeepsTheKey() {
		Identifier other = Identifier.psid("222", "77");
		LinkClusterer clusterer = new LinkClusterer(LETTING_CUSTOMERS_JOIN);
		clusterer.addExistingAssignment(psid1, "p_k", OLD);
		clusterer.addExistingAssignment(asid1, "p_k", OLD);
		clusterer.addExistingAssignment(other, "p_k", OLD);
		clusterer.addLink(psid1, asid1, LinkKind.GRAPH);
		clusterer.addIdentifier(other);
		ClusteringResult result = clusterer.cluster();
		assertThat(result.personKeyOf(psid1)).isEqualTo("p_k");
		String moved = result.personKeyOf(other);
		assertThat(moved).isEqualTo(PersonKeys.derive(other));
		assertThat(result.splitEvents()).containsExactly(new SplitEvent("p_k", moved, 1, "psid:222:77"));
	}

	@Test
	void aDerivedKeyThatIsAlreadyTakenIsReDerived() {
		Identifier lone = Identifier.psid("222", "1");
		LinkClusterer clusterer = new LinkClusterer(LETTING_CUSTOMERS_JOIN);
		clusterer.addExistingAssignment(customer, PersonKeys.derive(lone), OLD);
		clusterer.addIdentifier(lone);
		ClusteringResult result = clusterer.cluster();
		assertThat(result.personKeyOf(customer)).isEqualTo(PersonKeys.derive(lone));
		assertThat(result.personKeyOf(lone)).isNotEqualTo(PersonKeys.derive(lone)).matches("p_[0-9a-f]{16}");
	}

	@Test
	void millionIdentifiersCluster() {
		int persons = 250_000;
		LinkClusterer clusterer = new LinkClusterer(LETTING_CUSTOMERS_JOIN, 1_000_000);
		for (int p = 1; p <= persons; p++) {
			Identifier psid = Identifier.psid("222", Integer.toString(p));
			clusterer.addLink(psid, Identifier.asid("111", Integer.toString(p)), LinkKind.GRAPH);
			clusterer.addLink(psid, Identifier.psid("223", Integer.toString(p)), LinkKind.GRAPH);
			clusterer.addLink(Identifier.customer("C" + p), psid, LinkKind.CUSTOMER);
		}
		ClusteringResult result = clusterer.cluster();
		assertThat(result.identifierCount()).isEqualTo(1_000_000);
		assertThat(result.personCount()).isEqualTo(persons);
		assertThat(result.stats().personsBySize()).containsExactly(Map.entry(4, persons));
		assertThat(result.personKeyOf(Identifier.customer("C77"))).isEqualTo(result.personKeyOf(Identifier.asid("111", "77")));
		assertThat(result.assignments().count()).isEqualTo(1_000_000);
	}

	private static Map<Identifier, String> keys(ClusteringResult result) {
		return result.assignments()
			.collect(Collectors.toMap(Assignment::identifier, Assignment::personKey, (a, b) -> a, TreeMap::new));
	}
}
