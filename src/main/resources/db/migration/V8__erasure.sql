-- Privacy operations: an admin can export a commenter's data and erase it (anonymise or delete).
-- Written to run unchanged on PostgreSQL and on H2 (MODE=PostgreSQL).

-- An anonymised comment keeps its text but no longer holds an address, sealed or hashed.
ALTER TABLE comment ALTER COLUMN email_sealed DROP NOT NULL;
ALTER TABLE comment ALTER COLUMN email_hash DROP NOT NULL;

-- A reply whose parent was deleted moves up to the nearest remaining ancestor (top level if none),
-- and readers are told it answered a comment that is gone.
ALTER TABLE comment ADD COLUMN parent_removed BOOLEAN DEFAULT FALSE NOT NULL;

-- An export reads one commenter's comments in keyset pages by id: (email_hash, id) serves that and
-- every lookup the single-column index served (duplicates, trusted commenters), at the same cost per insert.
DROP INDEX comment_email_hash;
CREATE INDEX comment_email_hash ON comment (email_hash, id);

-- Admins' privacy actions are about an address, not a comment: such entries name no comment and
-- hold the address's keyed hash only. Entries of a deleted comment lose their comment id (the
-- erasure sets it to NULL; the foreign key stays) but keep who did what, and when.
ALTER TABLE audit_entry ALTER COLUMN comment_id DROP NOT NULL;
ALTER TABLE audit_entry ADD COLUMN subject_hash CHAR(64);
