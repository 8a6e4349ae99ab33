-- opkomst schema version 2 (PostgreSQL): the web application's tables.
-- Same tables as the SQLite dialect (see docs/security.md).
CREATE TABLE account (
  username TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('maatschappelijk_werker', 'teamverantwoordelijke', 'onderzoeker', 'beheerder')),
  password_hash TEXT NOT NULL,
  totp_secret TEXT,
  capacity INTEGER,
  active INTEGER NOT NULL DEFAULT 1,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  first_failed_at BIGINT,
  locked_until BIGINT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  account TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  dossier_id TEXT COLLATE "C",
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_by_dossier ON audit_log (dossier_id, seq);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE contact (
  contact_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dossier_id TEXT COLLATE "C" NOT NULL REFERENCES dossier (dossier_id) ON DELETE CASCADE,
  contact_date DATE NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('huisbezoek', 'telefoon', 'bericht', 'begeleiding')),
  note TEXT NOT NULL,
  author TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX contact_by_dossier ON contact (dossier_id, contact_date);

CREATE TABLE dossier_identity (
  dossier_id TEXT COLLATE "C" PRIMARY KEY REFERENCES dossier (dossier_id) ON DELETE CASCADE,
  sealed TEXT NOT NULL
);

CREATE INDEX dossier_by_worker ON dossier (social_worker, dossier_id);
-- The caseload: running dossiers of one worker.
CREATE INDEX dossier_running_by_worker ON dossier (social_worker, dossier_id) WHERE end_date IS NULL;
