-- A counter per article, bumped in the same transaction as any change readers would see (an
-- approval, an approved comment leaving, an edit of an approved comment). Readers' ETags and the
-- read cache are keyed on it, so a decision shows at once on every replica.
CREATE TABLE article_revision (
    article_id VARCHAR(200) NOT NULL PRIMARY KEY,
    revision   BIGINT       NOT NULL
);
