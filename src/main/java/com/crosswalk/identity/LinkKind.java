package com.crosswalk.identity;

/** Where a link between two identifiers comes from, which decides how far it is trusted. */
public enum LinkKind {
	/** The Graph API's ID Matching said both IDs are the same person. Applied first. */
	GRAPH,
	/** The business's input put both IDs on the same customer_id. Applied only where the guards allow. */
	CUSTOMER;

	/** The kind a {@code cw_link} row's {@code kind} column names. */
	public static LinkKind of(String column) {
		return switch (column) {
			case "graph" -> GRAPH;
			case "customer" -> CUSTOMER;
			default -> throw new IllegalArgumentException("Unknown link kind in cw_link: " + column);
		};
	}
}
