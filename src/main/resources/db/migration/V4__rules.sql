-- Anti-abuse rules. All their state is here, shared by every replica.

-- Keyed hashes (never the plain values) to find a sender's recent comments and duplicates.
ALTER TABLE comment ADD COLUMN ip_hash CHAR(64);
ALTER TABLE comment ADD COLUMN content_hash CHAR(64);
CREATE INDEX comment_ip_hash_created ON comment (ip_hash, created_at);
CREATE INDEX comment_email_hash_created ON comment (email_hash, created_at);

-- One row per sender key (IP or email hash), locked while a submission from that sender is checked
-- and stored, so two replicas cannot both let the same sender through a flood window.
CREATE TABLE sender_gate (
    sender_key  CHAR(64)  NOT NULL PRIMARY KEY,
    last_at     TIMESTAMP WITH TIME ZONE
);

-- Idempotency-Key: the first answer to a key, replayed for 24 hours.
CREATE TABLE idempotency_key (
    key_hash     CHAR(64)  NOT NULL PRIMARY KEY,
    request_hash CHAR(64)  NOT NULL,
    comment_id   BIGINT    REFERENCES comment (id),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
