-- Key rotation (issue 16). Every keyed hash of a comment (email_hash, ip_hash, content_hash) is made
-- with one hash key; its id is kept beside them, so a rotation job finds the rows still hashed with an
-- older key and GET /api/v1/admin/privacy/keys counts them. Rows from before this migration were hashed
-- with the only key there was, whose id is COMMENTS_EMAIL_HASH_KEY_ID's default.
ALTER TABLE comment ADD COLUMN hash_key_id VARCHAR(16) DEFAULT 'h1' NOT NULL;

-- A blocklist email entry holds only a hash: it cannot be recomputed with a new key, so its key is
-- recorded, and admins can see which entries to enter again before the old key goes.
ALTER TABLE block ADD COLUMN hash_key_id VARCHAR(16);
UPDATE block SET hash_key_id = 'h1' WHERE kind = 'EMAIL';

-- A check value of every key a replica has started with (an HMAC of a fixed text under the key, which
-- says nothing about the key), so a replica given another key under an id already in use refuses to
-- start instead of hashing or sealing rows that the id says are something else.
CREATE TABLE privacy_key (
    kind         VARCHAR(16)  NOT NULL,
    key_id       VARCHAR(16)  NOT NULL,
    check_value  CHAR(64)     NOT NULL,
    first_seen   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (kind, key_id)
);
