-- The last run of the retention job (personaldata/RetentionJob), one row, shown to admins at
-- GET /api/v1/admin/privacy/retention. Counts only: no personal data is ever written here.
CREATE TABLE retention_run (
    id                  INT          NOT NULL PRIMARY KEY,
    started_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    replica             VARCHAR(200),
    ip_removed          BIGINT       NOT NULL,
    decided_purged      BIGINT       NOT NULL,
    gates_pruned        BIGINT       NOT NULL,
    idempotency_pruned  BIGINT       NOT NULL,
    ip_retention        VARCHAR(40)  NOT NULL,
    decided_retention   VARCHAR(40)  NOT NULL,
    CONSTRAINT retention_run_single_row CHECK (id = 1)
);

-- Deleting a comment makes PostgreSQL look for Idempotency-Key records still pointing at it (the foreign
-- key), and the job deletes those first: without this index, each is a scan of the whole table.
CREATE INDEX idempotency_key_comment ON idempotency_key (comment_id);
