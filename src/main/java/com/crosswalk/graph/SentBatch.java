package com.crosswalk.graph;

import java.util.List;

import com.crosswalk.id.Scope;

/**
 * A batch a {@link LookupRun} sent, the scope whose credentials were its top-level token, and what came back: an
 * exchange, or the transport failure.
 */
record SentBatch(long batchNumber, List<IdLookup> batch, Scope topLevel, RawExchange exchange, String failure) {
}
