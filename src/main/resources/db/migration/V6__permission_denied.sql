-- IDs whose scope lacks a permission (code 10, a #200 that is not the ID Matching review, other 2xx): the scope got
-- one call, and its IDs wait here for a person to grant the permission, apart from the review's report.
CREATE TABLE cw_permission_denied (
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
