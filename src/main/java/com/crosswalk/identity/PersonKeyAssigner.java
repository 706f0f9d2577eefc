package com.crosswalk.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gives each component its person key: previous keys oldest first, each to the component holding most of its
 * identifiers (ties to the component with the smaller anchor) unless that component already has an older key;
 * then new keys derived from the anchors. Records what happened to previous keys as merge and split events.
 */
final class PersonKeyAssigner {

	private final IdentifierTable table;

	private final PersonKeyTable keys;

	private final int[] keyOf;

	private final Components components;

	/** Previous key index each component keeps, -1 while it has none. */
	private final int[] componentKey;

	private long[] newCode;

	private final List<MergeEvent> merges = new ArrayList<>();

	private final List<SplitEvent> splits = new ArrayList<>();

	/** (key, component, identifiers) of keys whose identifiers partly went to another person. */
	private final List<int[]> pendingSplits = new ArrayList<>();

	PersonKeyAssigner(IdentifierTable table, PersonKeyTable keys, int[] keyOf, Components components) {
		this.table = table;
		this.keys = keys;
		this.keyOf = keyOf;
		this.components = components;
		this.componentKey = new int[components.count()];
		Arrays.fill(componentKey, -1);
	}

	ClusteringResult assign(List<GuardViolation> violations, LinkCounts counts) {
		if (keys.size() > 0) {
			handOutPreviousKeys();
		}
		mintNewKeys();
		String[] keyText = new String[components.count()];
		for (int c = 0; c < keyText.length; c++) {
			keyText[c] = keyText(c);
		}
		for (int[] split : pendingSplits) {
			int witness = firstWithKey(split[1], split[0]);
			splits.add(new SplitEvent(keys.get(split[0]), keyText[split[1]], split[2], table.get(witness).toString()));
		}
		merges.sort(Comparator.comparing(MergeEvent::toKey).thenComparing(MergeEvent::fromKey));
		splits.sort(Comparator.comparing(SplitEvent::fromKey).thenComparing(SplitEvent::toKey));
		return new ClusteringResult(table, components, keyText, componentKey, keys, keyOf, List.copyOf(merges),
				List.copyOf(splits), List.copyOf(violations), stats(counts));
	}

	private String keyText(int component) {
		return (componentKey[component] >= 0) ? keys.get(componentKey[component]) : PersonKeys.format(newCode[component]);
	}

	private void handOutPreviousKeys() {
		int keyCount = keys.size();
		int[] byAge = new int[keyCount];
		for (int k = 0; k < keyCount; k++) {
			byAge[k] = k;
		}
		IndexSort.sort(byAge, keys::compareAge);
		int[] ageRank = new int[keyCount];
		for (int r = 0; r < keyCount; r++) {
			ageRank[byAge[r]] = r;
		}
		Claims claims = gatherClaims(ageRank);
		// bucket the claims by key age, so each key's claims can be looked at together, oldest key first
		int[] start = new int[keyCount + 1];
		for (int k = 0; k < claims.size; k++) {
			start[claims.age[k] + 1]++;
		}
		for (int a = 0; a < keyCount; a++) {
			start[a + 1] += start[a];
		}
		int[] fill = start.clone();
		int[] byKey = new int[claims.size];
		for (int k = 0; k < claims.size; k++) {
			byKey[fill[claims.age[k]]++] = k;
		}
		for (int age = 0; age < keyCount; age++) {
			int[] own = Arrays.copyOfRange(byKey, start[age], start[age + 1]);
			if (own.length == 0) {
				continue;
			}
			// most identifiers first; components are numbered by anchor, so a tie goes to the smaller anchor
			IndexSort.sort(own, (x, y) -> (claims.count[x] != claims.count[y])
					? Integer.compare(claims.count[y], claims.count[x])
					: Integer.compare(claims.component[x], claims.component[y]));
			hand(byAge[age], own, claims);
		}
	}

	private void hand(int key, int[] ownClaims, Claims claims) {
		int winner = -1;
		for (int k : ownClaims) {
			if (componentKey[claims.component[k]] < 0) {
				winner = claims.component[k];
				componentKey[winner] = key;
				break;
			}
		}
		int mergedInto = -1;
		if (winner < 0) {
			mergedInto = claims.component[ownClaims[0]];
			merges.add(mergeEvent(key, mergedInto));
		}
		for (int k : ownClaims) {
			int component = claims.component[k];
			if (component != winner && component != mergedInto) {
				pendingSplits.add(new int[] { key, component, claims.count[k] });
			}
		}
	}

	/** The distinct (key, component) pairs and how many of the key's identifiers each component holds. */
	private Claims gatherClaims(int[] ageRank) {
		Claims claims = new Claims(Math.max(16, components.count()));
		int[] buffer = new int[64];
		int[] members = components.members();
		int[] memberStart = components.memberStart();
		for (int c = 0; c < components.count(); c++) {
			int k = 0;
			for (int m = memberStart[c]; m < memberStart[c + 1]; m++) {
				int key = keyOf[members[m]];
				if (key >= 0) {
					if (k == buffer.length) {
						buffer = Arrays.copyOf(buffer, k * 2);
					}
					buffer[k++] = ageRank[key];
				}
			}
			Arrays.sort(buffer, 0, k);
			for (int run = 0; run < k;) {
				int end = run;
				while (end < k && buffer[end] == buffer[run]) {
					end++;
				}
				claims.add(buffer[run], c, end - run);
				run = end;
			}
		}
		return claims;
	}

	private MergeEvent mergeEvent(int key, int component) {
		int into = componentKey[component];
		boolean customer = components.customerJoined()[component];
		String evidence = table.get(firstWithKey(component, key)) + " (was " + keys.get(key) + ") and "
				+ table.get(firstWithKey(component, into)) + " (was " + keys.get(into) + ") are now one person";
		if (customer) {
			List<String> customers = new ArrayList<>();
			int[] members = components.members();
			for (int m = components.memberStart()[component]; m < components.memberStart()[component + 1]
					&& customers.size() < 3; m++) {
				if (table.isCustomer(members[m])) {
					customers.add(table.get(members[m]).toString());
				}
			}
			if (!customers.isEmpty()) {
				evidence += "; joined through " + String.join(", ", customers);
			}
		}
		return new MergeEvent(keys.get(key), keys.get(into), customer ? LinkKind.CUSTOMER : LinkKind.GRAPH, evidence);
	}

	/** The smallest member of {@code component} that had {@code key}. */
	private int firstWithKey(int component, int key) {
		int[] members = components.members();
		for (int m = components.memberStart()[component]; m < components.memberStart()[component + 1]; m++) {
			if (keyOf[members[m]] == key) {
				return members[m];
			}
		}
		throw new IllegalStateException("no member of component " + component + " had key " + keys.get(key));
	}

	private void mintNewKeys() {
		newCode = new long[components.count()];
		PersonKeys personKeys = new PersonKeys();
		mint(personKeys, null);
		if (hasDuplicateNewCodes()) {
			// two anchors with the same 64-bit hash: astronomically rare; redo in anchor order with an exact set
			mint(personKeys, new HashSet<>());
		}
	}

	private void mint(PersonKeys personKeys, Set<Long> taken) {
		boolean checkPrevious = keys.size() > 0;
		for (int c = 0; c < components.count(); c++) {
			if (componentKey[c] >= 0) {
				continue;
			}
			String anchor = table.get(components.anchorOf()[c]).canonical();
			for (int attempt = 0;; attempt++) {
				long code = personKeys.code(anchor, attempt);
				if (checkPrevious && keys.indexOf(PersonKeys.format(code)) >= 0) {
					continue;
				}
				if (taken != null && !taken.add(code)) {
					continue;
				}
				newCode[c] = code;
				break;
			}
		}
	}

	private boolean hasDuplicateNewCodes() {
		long[] codes = new long[components.count()];
		int k = 0;
		for (int c = 0; c < components.count(); c++) {
			if (componentKey[c] < 0) {
				codes[k++] = newCode[c];
			}
		}
		Arrays.sort(codes, 0, k);
		for (int i = 1; i < k; i++) {
			if (codes[i] == codes[i - 1]) {
				return true;
			}
		}
		return false;
	}

	private ClusteringStats stats(LinkCounts counts) {
		TreeMap<Integer, Integer> histogram = new TreeMap<>();
		int newPersons = 0;
		for (int c = 0; c < components.count(); c++) {
			histogram.merge(components.size(c), 1, Integer::sum);
			if (componentKey[c] < 0) {
				newPersons++;
			}
		}
		return new ClusteringStats(table.size(), components.count(), newPersons, components.count() - newPersons,
				counts.graphLinks(), counts.customerLinks(), counts.graphComponentsRefused(),
				counts.customerLinksRefused(), merges.size(), splits.size(), histogram);
	}

	/** Link and refusal counts from the union-find phase, for the stats. */
	record LinkCounts(long graphLinks, long customerLinks, int graphComponentsRefused, int customerLinksRefused) {
	}

	/** Growable parallel arrays of (key age rank, component, identifier count). */
	private static final class Claims {

		int[] age;

		int[] component;

		int[] count;

		int size;

		Claims(int capacity) {
			age = new int[capacity];
			component = new int[capacity];
			count = new int[capacity];
		}

		void add(int keyAge, int comp, int identifiers) {
			if (size == age.length) {
				int grown = size + (size >> 1) + 1;
				age = Arrays.copyOf(age, grown);
				component = Arrays.copyOf(component, grown);
				count = Arrays.copyOf(count, grown);
			}
			age[size] = keyAge;
			component[size] = comp;
			count[size] = identifiers;
			size++;
		}
	}
}
