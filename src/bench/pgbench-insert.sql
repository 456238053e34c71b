-- Ceiling D: the durable part of one submission, as PostgreSQL alone does it: one INSERT of a
-- comment-shaped row (≈600-byte content, sealed-email-sized strings, the comment table's indexes)
-- per transaction, default synchronous_commit. run.sh creates bench_comment LIKE comment.
\set n random(1, 2000000000)
INSERT INTO bench_comment (id, article_id, status, author_name, author_url, content, email_sealed, email_hash,
    ip_hash, content_hash, ip_sealed, user_agent_sealed, created_at, updated_at, version)
VALUES (nextval('bench_comment_seq'), 'news-' || (:n % 50), 'PENDING', 'Reader ' || :n, 'https://example.com/r' || :n,
    'Comment ' || :n || ': ' || repeat('The council voted on the new cycle lanes last night. ', 11),
    'k1:' || repeat(md5(:n::text), 2), md5(:n::text) || md5((:n + 1)::text), md5((:n + 2)::text) || md5((:n + 3)::text),
    md5((:n + 4)::text) || md5((:n + 5)::text), 'k1:' || md5((:n + 6)::text), 'k1:' || repeat(md5((:n + 7)::text), 2),
    now(), now(), 0);
