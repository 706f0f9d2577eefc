package com.crosswalk.bench.jmh;

import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import com.crosswalk.identity.ClusteringResult;
import com.crosswalk.identity.Identifier;
import com.crosswalk.identity.LinkClusterer;
import com.crosswalk.identity.LinkKind;
import com.crosswalk.identity.MergeGuards;

/**
 * Clustering links into persons: each person has a PSID on two Pages, an ASID and a customer ID (4 identifiers,
 * 2 Graph links, 1 customer link, plus 1 in 50 persons with a second ASID of the same app offered through the
 * customer link so the guards have work to do). Identifiers are built inside the benchmark from numbers, as the
 * job builds them from table rows, so interning cost is included. {@code rerun} adds every identifier's previous
 * key, as a nightly run over an existing identity table does.
 * <p>
 * The fork runs with -Xmx200m: the clusterer must fit the heap budget at 2.5 million identifiers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx200m")
public class ClusteringBenchmark {

	private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

	/** 625,000 persons = 2.5 million identifiers, 1.9 million links. */
	@Param({ "625000" })
	public int persons;

	@Param({ "false", "true" })
	public boolean rerun;

	@Benchmark
	public ClusteringResult cluster() {
		LinkClusterer clusterer = new LinkClusterer(MergeGuards.defaults(), persons * 4 + persons / 50);
		HexFormat hex = HexFormat.of();
		for (int p = 1; p <= persons; p++) {
			String value = Long.toString(1_000_000_000L + p * 7_919L);
			Identifier psid = Identifier.psid("1234567890", value);
			Identifier asid = Identifier.asid("555000111", value);
			Identifier otherPage = Identifier.psid("1234567891", value);
			Identifier customer = Identifier.customer("CUST-" + p);
			clusterer.addLink(psid, asid, LinkKind.GRAPH);
			clusterer.addLink(psid, otherPage, LinkKind.GRAPH);
			clusterer.addLink(customer, psid, LinkKind.CUSTOMER);
			if (p % 50 == 0) {
				clusterer.addLink(customer, Identifier.asid("555000111", "9" + value), LinkKind.CUSTOMER);
			}
			if (rerun) {
				String key = "p_" + hex.toHexDigits(p * 0x9E3779B97F4A7C15L);
				clusterer.addExistingAssignment(psid, key, CREATED);
				clusterer.addExistingAssignment(asid, key, CREATED);
				clusterer.addExistingAssignment(otherPage, key, CREATED);
				clusterer.addExistingAssignment(customer, key, CREATED);
			}
		}
		ClusteringResult result = clusterer.cluster();
		if (result.personCount() != persons + persons / 50) {
			throw new IllegalStateException("unexpected person count " + result.personCount());
		}
		return result;
	}
}
