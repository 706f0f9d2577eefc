package com.crosswalk.identity;

import java.util.Objects;

/**
 * A person key that stopped existing because its person was joined to an older one; for the append-only merge
 * log, so that anyone holding {@code fromKey} can follow it to {@code toKey}.
 *
 * @param reason {@link LinkKind#GRAPH} when the join needed only Graph links, {@link LinkKind#CUSTOMER} when a
 * customer_id link took part
 * @param evidence one identifier that had each key and, for customer joins, the customer IDs involved
 */
public record MergeEvent(String fromKey, String toKey, LinkKind reason, String evidence) {

	public MergeEvent {
		Objects.requireNonNull(fromKey, "fromKey");
		Objects.requireNonNull(toKey, "toKey");
		Objects.requireNonNull(reason, "reason");
	}
}
