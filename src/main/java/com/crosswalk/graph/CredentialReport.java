package com.crosswalk.graph;

import java.util.List;

/**
 * What the start-up check found: problems a person must fix before a run (one line each, naming the app or Page and
 * what to set), and warnings about what it could not verify, such as the business owning a Page whose token lacks
 * {@code business_management}. Warnings never stop a run.
 */
public record CredentialReport(List<String> problems, List<String> warnings) {

	public CredentialReport {
		problems = List.copyOf(problems);
		warnings = List.copyOf(warnings);
	}
}
