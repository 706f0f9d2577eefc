package com.crosswalk.job;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.crosswalk.lookup.LookupPartition;
import com.crosswalk.lookup.LookupPartitions;

/**
 * A lookup pass's partitions as Spring Batch carries them: each in the execution context of its worker step, which is
 * what a restarted step reads back for a partition of the same name.
 */
final class LookupPartitioner implements Partitioner {

	private static final String PASS = "crosswalk.lookup.pass";

	private static final String SCOPES = "crosswalk.lookup.scopes";

	private static final String PAGE_SIZE = "crosswalk.lookup.pageSize";

	private final LookupPartitions partitions;

	private final int pass;

	LookupPartitioner(LookupPartitions partitions, int pass) {
		this.partitions = partitions;
		this.pass = pass;
	}

	/**
	 * Split afresh from the IDs still pending, on a restart too: a partition that finished before has none left and
	 * is not among them; one that did not is, under the same name.
	 */
	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
		for (LookupPartition partition : partitions.of(pass, gridSize)) {
			ExecutionContext context = new ExecutionContext();
			context.putInt(PASS, partition.pass());
			context.putString(SCOPES, String.join(",", partition.scopes()));
			context.putInt(PAGE_SIZE, partition.pageSize());
			contexts.put(partition.name(), context);
		}
		return contexts;
	}

	/** The partition a worker step runs. */
	static LookupPartition of(ExecutionContext context) {
		return new LookupPartition(context.getInt(PASS), Arrays.asList(context.getString(SCOPES).split(",")),
				context.getInt(PAGE_SIZE));
	}
}
