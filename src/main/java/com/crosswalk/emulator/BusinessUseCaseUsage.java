package com.crosswalk.emulator;

import java.util.Objects;

/**
 * One more entry of {@code X-Business-Use-Case-Usage} that a scope's answers carry besides the one its own budget
 * computes: Graph's header maps each business object to an array of use-case types, each with its own usage
 * (Rate limits page; docs/graph-contract.md U2), so a Page-token call may report, say, the Page's {@code pages}
 * usage and another object's or type's. Percentages are fixed: a test sets the reading it wants the client to see.
 *
 * @param objectId the business object the entry is reported under (a Page, app or business ID)
 * @param type the use-case type, such as {@code pages}, {@code messenger} or {@code ads_management}
 * @param callCount percentage of the call budget
 * @param totalCputime percentage of the CPU budget
 * @param totalTime percentage of the time budget
 * @param regainMinutes {@code estimated_time_to_regain_access}, minutes
 */
public record BusinessUseCaseUsage(String objectId, String type, int callCount, int totalCputime, int totalTime,
		long regainMinutes) {

	public BusinessUseCaseUsage {
		Objects.requireNonNull(objectId, "objectId");
		Objects.requireNonNull(type, "type");
	}

	/** The entry as Graph writes it inside the object's array. */
	String toJson() {
		return "{\"type\":\"" + type + "\",\"call_count\":" + callCount + ",\"total_cputime\":" + totalCputime
				+ ",\"total_time\":" + totalTime + ",\"estimated_time_to_regain_access\":" + regainMinutes + "}";
	}
}
