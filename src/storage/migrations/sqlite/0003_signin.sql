-- opkomst schema version 3 (SQLite): sign-in hardening (docs/security.md,
-- "Accounts and sign-in").
-- The last TOTP time step used, so that a code works only once.
ALTER TABLE account ADD COLUMN last_totp_step INTEGER;
-- Accounts made on the web get no password: a one-time activation code
-- (only its SHA-256 is stored) with which the owner sets her own.
ALTER TABLE account ADD COLUMN activation_hash TEXT;
ALTER TABLE account ADD COLUMN activation_expires INTEGER;   -- unix seconds
-- 0 = a role that sees dossiers, granted on the web: waits for a team lead.
ALTER TABLE account ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 1;
ALTER TABLE account ADD COLUMN created_by TEXT;             -- the administrator, for the second person rule
