package com.crosswalk.job;

import org.springframework.batch.core.job.JobExecution;

import com.crosswalk.lookup.LookupPlanner.LookupPlan;

/** What the steps leave in the job execution context for the summary (plain numbers: the context is persisted). */
public final class JobExecutionFacts {

	private static final String PREFIX = "crosswalk.plan.";

	private JobExecutionFacts() {
	}

	static void storePlan(JobExecution execution, LookupPlan plan) {
		var context = execution.getExecutionContext();
		context.putLong(PREFIX + "fresh", plan.fresh());
		context.putLong(PREFIX + "stillBlocked", plan.stillBlocked());
		context.putLong(PREFIX + "probes", plan.probes());
		context.putLong(PREFIX + "firstPass", plan.firstPass());
		context.putLong(PREFIX + "secondPass", plan.secondPass());
		context.putLong(PREFIX + "reopenedScopes", plan.reopenedScopes());
	}

	public static LookupPlan plan(JobExecution execution) {
		var context = execution.getExecutionContext();
		if (!context.containsKey(PREFIX + "fresh")) {
			return null;
		}
		return new LookupPlan(context.getLong(PREFIX + "fresh"), context.getLong(PREFIX + "stillBlocked"),
				context.getLong(PREFIX + "probes"), context.getLong(PREFIX + "firstPass"),
				context.getLong(PREFIX + "secondPass"), context.getLong(PREFIX + "reopenedScopes"));
	}
}
