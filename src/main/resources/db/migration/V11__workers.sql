-- Worker JVMs that run the lookup's partitions (crosswalk.workers): each refreshes its heartbeat while it runs; a
-- manager fails the partitions of a worker whose heartbeat is older than crosswalk.workers.stall-after.
CREATE TABLE cw_worker (
	worker_id VARCHAR(200) PRIMARY KEY,
	started_at TIMESTAMP WITH TIME ZONE NOT NULL,
	heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What each worker's Graph client did for a run (calls, retries, throttling, calls per minute), added to the
-- manager's own in the run's summary and report.
CREATE TABLE cw_worker_calls (
	execution_id BIGINT NOT NULL,
	worker_id VARCHAR(200) NOT NULL,
	metrics_json TEXT NOT NULL,
	PRIMARY KEY (execution_id, worker_id)
);

-- The calls a scope's Graph client made that still count in the scope's rolling window, handed from the partition
-- of one pass to the next (another worker JVM's client): one client-side budget however many workers.
CREATE TABLE cw_scope_calls (
	scope_id VARCHAR(100) PRIMARY KEY,
	calls_json TEXT NOT NULL
);
