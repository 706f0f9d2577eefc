-- Worker JVMs that run the lookup's partitions (crosswalk.workers): each refreshes its heartbeat while it runs; a
-- manager fails the partitions of a worker whose heartbeat is older than crosswalk.workers.stall-after.
CREATE TABLE cw_worker (
	worker_id VARCHAR(200) PRIMARY KEY,
	started_at TIMESTAMP WITH TIME ZONE NOT NULL,
	heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);
