-- Crosswalk's own tables. One script for H2 (2.x) and PostgreSQL (>= 15): only portable types and syntax.
-- Identifiers are stored as their canonical key "psid:<page>:<id>", "asid:<app>:<id>" or "customer::<crm key>"
-- beside the split columns, so links and clusters can join on one column.

-- The current run's input, validated and de-duplicated (one row per distinct scoped ID).
CREATE TABLE cw_staging (
	id_key VARCHAR(120) PRIMARY KEY,
	id_type VARCHAR(8) NOT NULL,
	scope_id VARCHAR(32) NOT NULL,
	scoped_id VARCHAR(32) NOT NULL,
	customer_id VARCHAR(200),
	first_position BIGINT NOT NULL,
	lookup_order BIGINT NOT NULL,
	occurrences BIGINT NOT NULL,
	lookup_pass SMALLINT NOT NULL DEFAULT 1,
	status VARCHAR(16) NOT NULL DEFAULT 'NEW',
	instance_id BIGINT NOT NULL
);
CREATE INDEX cw_staging_pending ON cw_staging (status, lookup_pass, lookup_order);
CREATE INDEX cw_staging_customer ON cw_staging (customer_id, first_position);
CREATE INDEX cw_staging_scope ON cw_staging (scope_id, status);

-- Every identifier Crosswalk knows, with its person. person_key is null until the merge step has run.
CREATE TABLE cw_identity (
	id_key VARCHAR(220) PRIMARY KEY,
	person_key VARCHAR(40),
	id_type VARCHAR(8) NOT NULL,
	scope_id VARCHAR(32) NOT NULL,
	scoped_id VARCHAR(200) NOT NULL,
	first_seen TIMESTAMP WITH TIME ZONE NOT NULL,
	last_verified TIMESTAMP WITH TIME ZONE NOT NULL,
	key_assigned_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX cw_identity_person ON cw_identity (person_key);

-- Links learnt, with provenance: which Graph call (or which input row) said two identifiers are one person.
CREATE TABLE cw_link (
	from_key VARCHAR(220) NOT NULL,
	to_key VARCHAR(220) NOT NULL,
	kind VARCHAR(10) NOT NULL,
	evidence VARCHAR(200) NOT NULL,
	instance_id BIGINT NOT NULL,
	learnt_at TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (from_key, to_key)
);
CREATE INDEX cw_link_to ON cw_link (to_key);

-- Rejected rows: bad input (stage INPUT) and IDs the Graph API refused for good (stage LOOKUP).
CREATE TABLE cw_reject (
	instance_id BIGINT NOT NULL,
	stage VARCHAR(8) NOT NULL,
	position VARCHAR(200) NOT NULL,
	ordinal INT NOT NULL,
	field VARCHAR(40),
	raw_value VARCHAR(400),
	reason VARCHAR(1000) NOT NULL,
	customer_id VARCHAR(200),
	code INT,
	rejected_at TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (instance_id, stage, position, ordinal)
);
CREATE INDEX cw_reject_position ON cw_reject (stage, position);

-- IDs refused as pending app review, kept across runs until a later lookup succeeds.
CREATE TABLE cw_blocked (
	id_key VARCHAR(120) PRIMARY KEY,
	id_type VARCHAR(8) NOT NULL,
	scope_id VARCHAR(32) NOT NULL,
	scoped_id VARCHAR(32) NOT NULL,
	customer_id VARCHAR(200),
	code INT NOT NULL,
	message VARCHAR(1000) NOT NULL,
	first_blocked_at TIMESTAMP WITH TIME ZONE NOT NULL,
	last_blocked_at TIMESTAMP WITH TIME ZONE NOT NULL,
	retry_after TIMESTAMP WITH TIME ZONE NOT NULL,
	instance_id BIGINT NOT NULL
);

-- Scopes (an app or a Page) whose calls are refused as pending review; a later run probes each once.
CREATE TABLE cw_blocked_scope (
	scope_id VARCHAR(32) PRIMARY KEY,
	id_type VARCHAR(8) NOT NULL,
	message VARCHAR(1000) NOT NULL,
	first_blocked_at TIMESTAMP WITH TIME ZONE NOT NULL,
	retry_after TIMESTAMP WITH TIME ZONE NOT NULL
);

-- IDs whose scope's token is invalid or expired.
CREATE TABLE cw_failed_auth (
	id_key VARCHAR(120) PRIMARY KEY,
	id_type VARCHAR(8) NOT NULL,
	scope_id VARCHAR(32) NOT NULL,
	scoped_id VARCHAR(32) NOT NULL,
	customer_id VARCHAR(200),
	code INT NOT NULL,
	subcode INT,
	message VARCHAR(1000) NOT NULL,
	failed_at TIMESTAMP WITH TIME ZONE NOT NULL,
	instance_id BIGINT NOT NULL
);

-- Persons and their stable keys.
CREATE TABLE cw_person (
	person_key VARCHAR(40) PRIMARY KEY,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	id_count INT NOT NULL
);

-- Append-only: when clusters join, the younger key is absorbed by the oldest (event MERGE); when identifiers
-- leave a key that lives on, they moved to another person (event SPLIT).
CREATE TABLE cw_merge_log (
	instance_id BIGINT NOT NULL,
	event VARCHAR(8) NOT NULL,
	from_key VARCHAR(40) NOT NULL,
	to_key VARCHAR(40) NOT NULL,
	evidence VARCHAR(1000),
	merged_at TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (instance_id, event, from_key, to_key)
);

-- Links the over-merge guards refused, for a person to look at.
CREATE TABLE cw_guard_violation (
	instance_id BIGINT NOT NULL,
	ordinal INT NOT NULL,
	rule VARCHAR(60) NOT NULL,
	detail VARCHAR(2000) NOT NULL,
	identifiers VARCHAR(4000) NOT NULL,
	PRIMARY KEY (instance_id, ordinal)
);

-- One row per job execution: the run summary as numbers and as the JSON written to run-summary.json.
CREATE TABLE cw_run (
	execution_id BIGINT PRIMARY KEY,
	instance_id BIGINT NOT NULL,
	started_at TIMESTAMP WITH TIME ZONE NOT NULL,
	ended_at TIMESTAMP WITH TIME ZONE,
	status VARCHAR(20) NOT NULL,
	rows_read BIGINT,
	rows_accepted BIGINT,
	rows_rejected BIGINT,
	persons BIGINT,
	graph_calls BIGINT,
	blocked BIGINT,
	summary_json VARCHAR(20000)
);

-- Privacy deletions: a one-way hash of each forgotten identifier, so later Graph answers do not bring it back.
CREATE TABLE cw_tombstone (
	value_hash VARCHAR(64) PRIMARY KEY,
	forgotten_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- At most one run per database: the holder refreshes its heartbeat; a stale heartbeat means its process died.
CREATE TABLE cw_run_lock (
	lock_name VARCHAR(20) PRIMARY KEY,
	owner VARCHAR(200) NOT NULL,
	heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);
