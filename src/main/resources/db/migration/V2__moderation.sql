-- Moderation: claims (leases) on pending comments, the audit record, and registered articles.

ALTER TABLE comment ADD COLUMN lease_owner VARCHAR(200);
ALTER TABLE comment ADD COLUMN lease_expires_at TIMESTAMP WITH TIME ZONE;
-- Why a rule held the comment for a moderator, one reason per line (rules come later).
ALTER TABLE comment ADD COLUMN hold_reasons VARCHAR(2000);
CREATE INDEX comment_lease_owner ON comment (lease_owner);

-- Every moderator action. The API only ever inserts here.
CREATE SEQUENCE audit_entry_id_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE audit_entry (
    id          BIGINT       NOT NULL PRIMARY KEY,
    comment_id  BIGINT       NOT NULL REFERENCES comment (id),
    actor       VARCHAR(200) NOT NULL,
    action      VARCHAR(16)  NOT NULL,
    from_status VARCHAR(16),
    to_status   VARCHAR(16),
    reason      VARCHAR(1000),
    -- What the action replaced or revealed: the previous text of an edit, the old parent of a move.
    detail      VARCHAR(140000),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX audit_entry_created ON audit_entry (created_at, id);
CREATE INDEX audit_entry_comment ON audit_entry (comment_id, created_at, id);
CREATE INDEX audit_entry_actor ON audit_entry (actor, created_at, id);

-- Articles registered by admins: whether, and until when, they take comments.
CREATE TABLE article (
    article_id     VARCHAR(200)  NOT NULL PRIMARY KEY,
    title          VARCHAR(500)  NOT NULL,
    url            VARCHAR(2000),
    comments_open  BOOLEAN       NOT NULL,
    closes_at      TIMESTAMP WITH TIME ZONE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    version        BIGINT        NOT NULL DEFAULT 0
);
