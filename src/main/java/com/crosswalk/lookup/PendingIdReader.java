package com.crosswalk.lookup;

import java.util.List;

import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.graph.IdType;
import com.crosswalk.graph.ScopedId;

/**
 * Hands out groups of PENDING IDs, lowest pass first. The status column is the checkpoint (Spring Batch's
 * process-indicator pattern): every group the writer commits leaves PENDING, so a restarted run reads exactly the
 * IDs not yet answered, and IDs an earlier answer covered are never read at all.
 */
public class PendingIdReader implements ItemReader<List<PendingId>> {

	private static final String NEXT_GROUP = "SELECT id_type, scope_id, scoped_id, customer_id, lookup_pass"
			+ " FROM cw_staging WHERE status = 'PENDING' AND lookup_pass ="
			+ " (SELECT MIN(lookup_pass) FROM cw_staging WHERE status = 'PENDING')"
			+ " ORDER BY lookup_order, id_key FETCH FIRST ? ROWS ONLY";

	private final JdbcTemplate jdbc;

	private final int groupSize;

	public PendingIdReader(JdbcTemplate jdbc, int groupSize) {
		this.jdbc = jdbc;
		this.groupSize = groupSize;
	}

	@Override
	public List<PendingId> read() {
		List<PendingId> group = jdbc.query(NEXT_GROUP,
				(rs, i) -> new PendingId(
						new ScopedId(IdType.parse(rs.getString(1)), rs.getString(2), rs.getString(3)),
						rs.getString(4), rs.getInt(5)),
				groupSize);
		return group.isEmpty() ? null : group;
	}
}
