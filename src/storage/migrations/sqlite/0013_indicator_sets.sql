-- Indicator sets as data the team lead maintains (issue 11): every saved
-- version of a set is kept whole (labels, the anchor text of each point,
-- order, dropped indicators), never changed afterwards, so a measurement
-- scored with version N is read with version N. Version 1 of a set is the
-- codebook's (data/codebook.txt) until a team lead saves version 2.
CREATE TABLE indicator_set_version (
  set_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  PRIMARY KEY (set_id, version)
);
-- The version of the set each score was given with; scores from before are version 1.
ALTER TABLE score ADD COLUMN set_version INTEGER NOT NULL DEFAULT 1;
