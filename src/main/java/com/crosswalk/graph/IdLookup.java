package com.crosswalk.graph;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.crosswalk.id.Scope;
import com.crosswalk.id.ScopedId;

/**
 * One input ID of a {@link LookupRun} and what its reads have gathered so far. Confined to the run's thread except
 * while in flight.
 */
final class IdLookup {

	final int index;

	final ScopedId id;

	final Scope scope;

	final Set<ScopedId> linked = new LinkedHashSet<>();

	/** The continuation's fields; null while the person's first read is still to be answered. */
	String fields;

	/** Whether the first read asks the profile fields: until Graph refused them for this person or its scope. */
	boolean withProfile;

	Map<String, String> profile;

	String callRef;

	/**
	 * Transient failures so far, whether the whole request or the person's own item failed: the person's one retry
	 * budget for the run.
	 */
	int attempts;

	/** Why the profile fields were left out of the first read, if Graph refused them. */
	ErrorKind profileRefusedBy;

	/** A probe that failed transiently: it goes again before any other ID of its scope is sent. */
	boolean retriesProbe;

	long notBefore;

	long pausedSince = -1;

	boolean probe;

	/** When the scope granted the permit of this person's current call. */
	long grantedAt;

	IdLookup(int index, ScopedId id, boolean withProfile) {
		this.index = index;
		this.id = id;
		this.scope = Scope.of(id);
		this.withProfile = withProfile;
	}
}
