-- opkomst schema version 3 (PostgreSQL): sign-in hardening; same columns as
-- the SQLite dialect (see docs/security.md).
ALTER TABLE account ADD COLUMN last_totp_step BIGINT;
ALTER TABLE account ADD COLUMN activation_hash TEXT;
ALTER TABLE account ADD COLUMN activation_expires BIGINT;
ALTER TABLE account ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 1;
ALTER TABLE account ADD COLUMN created_by TEXT;
