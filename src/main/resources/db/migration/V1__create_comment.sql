-- Comments from readers. Written to run unchanged on PostgreSQL and on H2 (MODE=PostgreSQL).
-- Personal data (email, IP, user agent) is stored only sealed with AES-256-GCM: "<keyId>:<base64>".

CREATE SEQUENCE comment_id_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE comment (
    id                BIGINT        NOT NULL PRIMARY KEY,
    article_id        VARCHAR(200)  NOT NULL,
    parent_id         BIGINT        REFERENCES comment (id),
    status            VARCHAR(16)   NOT NULL,
    author_name       VARCHAR(245)  NOT NULL,
    author_url        VARCHAR(200),
    -- 65,525 characters is the limit; the column leaves room for any representation of that.
    content           VARCHAR(140000) NOT NULL,
    email_sealed      VARCHAR(512)  NOT NULL,
    email_hash        CHAR(64)      NOT NULL,
    ip_sealed         VARCHAR(256),
    user_agent_sealed VARCHAR(1024),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    version           BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT comment_status_known CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'SPAM'))
);

-- The moderation queue: oldest first per status.
CREATE INDEX comment_status_created ON comment (status, created_at, id);
-- The readers' list of one article: approved comments in time order.
CREATE INDEX comment_article_status_created ON comment (article_id, status, created_at, id);
-- Replies of one comment.
CREATE INDEX comment_parent ON comment (parent_id);
-- One commenter's comments, found without decrypting.
CREATE INDEX comment_email_hash ON comment (email_hash);
