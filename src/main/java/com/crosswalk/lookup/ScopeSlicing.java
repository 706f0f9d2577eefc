package com.crosswalk.lookup;

import java.util.EnumSet;
import java.util.Set;

import com.crosswalk.id.IdType;

/**
 * Which scopes' IDs a pass may slice into partitions of their own (by lookup order), so that a business with few
 * apps and Pages still spreads its lookup over many worker JVMs. Only where workers run the partitions, and only
 * scopes without a client-side budget: a budget's calls are handed from partition to partition of one scope, which
 * slices running at once on two workers would each spend in full. A sliced scope is opened first, in pass 0, with
 * one of its IDs: a scope under review or with a dead token is then met once in the whole run, not once by each
 * worker's Graph client.
 */
public record ScopeSlicing(Set<IdType> types) {

	public static final ScopeSlicing NONE = new ScopeSlicing(Set.of());

	public ScopeSlicing {
		types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
	}

	/** Slicing for a run whose partitions go to workers, given the client-side budgets per hour (0: none). */
	public static ScopeSlicing forWorkers(boolean distributed, int appCallsPerHour, int pageCallsPerHour) {
		if (!distributed) {
			return NONE;
		}
		Set<IdType> types = EnumSet.noneOf(IdType.class);
		if (appCallsPerHour == 0) {
			types.add(IdType.ASID);
		}
		if (pageCallsPerHour == 0) {
			types.add(IdType.PSID);
		}
		return new ScopeSlicing(types);
	}

	public boolean any() {
		return !types.isEmpty();
	}

	public boolean slices(IdType type) {
		return types.contains(type);
	}

	/**
	 * The most partitions a pass can have: {@code partitions} (the setting) where scopes are sliced to fill it, else
	 * no more than the business's {@code scopes}.
	 */
	public int partitionsAPass(int partitions, int scopes) {
		return any() ? partitions : Math.min(partitions, scopes);
	}
}
