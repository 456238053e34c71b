-- comment_email_hash (V1) already serves every lookup by email hash: the duplicate check and the
-- trusted-commenter count. The flood rule that once read (email_hash, created_at) now reads
-- sender_gate, so this index only cost every submission one more random B-tree insert.
DROP INDEX comment_email_hash_created;
