-- opkomst schema version 1 (PostgreSQL). Same tables as the SQLite
-- dialect; dates are DATE. Measurement answers are one character per
-- codebook slot (see docs/storage.md).
CREATE TABLE dossier (
  dossier_id TEXT COLLATE "C" PRIMARY KEY,  -- byte order, as SQLite and the exports sort
  mother_id TEXT NOT NULL,
  trajectory_number INTEGER NOT NULL CHECK (trajectory_number >= 1),
  track TEXT NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE,
  social_worker TEXT,
  referrer TEXT,
  referrer_type TEXT,
  due_date DATE,
  child_birth_date DATE,
  child_age_months_at_start INTEGER,
  pregnant_at_start TEXT,
  first_pregnancy TEXT,
  mother_age_at_start INTEGER,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX dossier_mother ON dossier (mother_id);

CREATE TABLE measurement (
  dossier_id TEXT COLLATE "C" NOT NULL REFERENCES dossier (dossier_id) ON DELETE CASCADE,
  moment SMALLINT NOT NULL CHECK (moment BETWEEN 0 AND 2),  -- 0 start, 1 birth, 2 end
  measured_on DATE,
  answers TEXT NOT NULL,
  PRIMARY KEY (dossier_id, moment)
);

CREATE TABLE score (
  dossier_id TEXT COLLATE "C" NOT NULL REFERENCES dossier (dossier_id) ON DELETE CASCADE,
  moment INTEGER NOT NULL CHECK (moment >= 1),
  measured_on DATE,
  indicator TEXT COLLATE "C" NOT NULL,
  score TEXT NOT NULL,
  PRIMARY KEY (dossier_id, moment, indicator)
);

CREATE TABLE interview (
  respondent_id TEXT COLLATE "C" NOT NULL,
  dossier_id TEXT COLLATE "C" REFERENCES dossier (dossier_id) ON DELETE SET NULL,
  track TEXT NOT NULL,
  indicator TEXT COLLATE "C" NOT NULL,
  score_start INTEGER,
  score_end INTEGER,
  PRIMARY KEY (respondent_id, indicator)
);

CREATE TABLE codebook_layout (
  slot INTEGER PRIMARY KEY,
  entry TEXT NOT NULL
);
