-- Compact score storage (issue 14): one row per dossier and measurement
-- number holding all its scores, and one row per respondent holding all
-- her interview answers, instead of a row per score or answer. What a
-- stored sheet's text means (a character per slot, the exceptions after
-- '@') is storage/score_sheets.h's; the slot of an indicator is its row in
-- score_slot, given once and kept for good (an indicator is known by its
-- name and never renamed, domain/indicator_sets.h). The rows of the old
-- tables are moved into these by the same migration step in C++
-- (storage/score_sheets.cc, MigrateToSheets), which then drops them.
CREATE TABLE score_slot (
  set_id TEXT NOT NULL,
  slot INTEGER NOT NULL CHECK (slot >= 0),
  indicator TEXT NOT NULL,
  PRIMARY KEY (set_id, slot),
  UNIQUE (set_id, indicator)
) WITHOUT ROWID;

CREATE TABLE score_sheet (
  dossier_id TEXT NOT NULL REFERENCES dossier (dossier_id) ON DELETE CASCADE,
  moment INTEGER NOT NULL CHECK (moment >= 1),
  measured_on TEXT,
  set_version INTEGER NOT NULL DEFAULT 1,
  scored INTEGER NOT NULL CHECK (scored >= 0),
  scores TEXT NOT NULL,
  PRIMARY KEY (dossier_id, moment)
) WITHOUT ROWID;

CREATE TABLE interview_sheet (
  respondent_id TEXT NOT NULL PRIMARY KEY,
  dossier_id TEXT REFERENCES dossier (dossier_id) ON DELETE SET NULL,
  track TEXT NOT NULL,
  answered INTEGER NOT NULL CHECK (answered >= 0),
  answers TEXT NOT NULL
) WITHOUT ROWID;
