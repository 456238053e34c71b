-- Admins' blocklist: an email (as its keyed hash only), an IP address or a CIDR range.
-- ("target", not "value": VALUE is a keyword in H2, the embedded database.)
CREATE SEQUENCE block_id_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE block (
    id          BIGINT       NOT NULL PRIMARY KEY,
    kind        VARCHAR(8)   NOT NULL,
    target      VARCHAR(100) NOT NULL,
    note        VARCHAR(500),
    expires_at  TIMESTAMP WITH TIME ZONE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(200) NOT NULL,
    CONSTRAINT block_kind_known CHECK (kind IN ('EMAIL', 'IP'))
);
CREATE INDEX block_kind_target ON block (kind, target);
