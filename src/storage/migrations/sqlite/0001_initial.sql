-- opkomst schema version 1 (SQLite). Codes are the exchange codes of
-- data/codebook.txt; dates are ISO text (YYYY-MM-DD). Measurement answers
-- are one character per codebook slot (see docs/storage.md).
CREATE TABLE dossier (
  dossier_id TEXT PRIMARY KEY,
  mother_id TEXT NOT NULL,
  trajectory_number INTEGER NOT NULL CHECK (trajectory_number >= 1),
  track TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  social_worker TEXT,
  referrer TEXT,
  referrer_type TEXT,
  due_date TEXT,
  child_birth_date TEXT,
  child_age_months_at_start INTEGER,
  pregnant_at_start TEXT,
  first_pregnancy TEXT,
  mother_age_at_start INTEGER,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CHECK (end_date IS NULL OR end_date >= start_date)
) WITHOUT ROWID;
CREATE INDEX dossier_mother ON dossier (mother_id);

CREATE TABLE measurement (
  dossier_id TEXT NOT NULL REFERENCES dossier (dossier_id) ON DELETE CASCADE,
  moment INTEGER NOT NULL CHECK (moment BETWEEN 0 AND 2),  -- 0 start, 1 birth, 2 end
  measured_on TEXT,
  answers TEXT NOT NULL,
  PRIMARY KEY (dossier_id, moment)
) WITHOUT ROWID;

CREATE TABLE score (
  dossier_id TEXT NOT NULL REFERENCES dossier (dossier_id) ON DELETE CASCADE,
  moment INTEGER NOT NULL CHECK (moment >= 1),
  measured_on TEXT,
  indicator TEXT NOT NULL,
  score TEXT NOT NULL,
  PRIMARY KEY (dossier_id, moment, indicator)
) WITHOUT ROWID;

CREATE TABLE interview (
  respondent_id TEXT NOT NULL,
  dossier_id TEXT REFERENCES dossier (dossier_id) ON DELETE SET NULL,
  track TEXT NOT NULL,
  indicator TEXT NOT NULL,
  score_start INTEGER,
  score_end INTEGER,
  PRIMARY KEY (respondent_id, indicator)
) WITHOUT ROWID;

-- What each answer slot means, so a codebook that reorders codes is refused.
CREATE TABLE codebook_layout (
  slot INTEGER PRIMARY KEY,
  entry TEXT NOT NULL
);
