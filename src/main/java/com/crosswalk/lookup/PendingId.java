package com.crosswalk.lookup;

import com.crosswalk.id.ScopedId;

/** A staged ID waiting for its Graph lookup, with the CRM key it came with (may be null). */
public record PendingId(ScopedId id, String customerId, int pass) {
}
