-- A mother's trajectories have distinct numbers (issue 10): the schema
-- refuses a second dossier with the same (mother_id, trajectory_number).
-- A database made before this rule may hold such duplicates, so they are
-- renumbered first, keeping every row: within one (mother, number) the
-- first dossier by start date (ties by dossier id) keeps the number; each
-- later one gets the next number after the mother's highest, in start-date
-- order, and a new version (an open form on it meets a conflict, not a
-- silent change). Every renumbering is noted in trajectory_renumbering.
CREATE TABLE trajectory_renumbering (
  dossier_id TEXT PRIMARY KEY,
  old_number INTEGER NOT NULL,
  new_number INTEGER NOT NULL,
  renumbered_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO trajectory_renumbering (dossier_id, old_number, new_number)
SELECT dossier_id, trajectory_number,
       highest + ROW_NUMBER() OVER (PARTITION BY mother_id ORDER BY start_date, dossier_id)
FROM (SELECT dossier_id, mother_id, trajectory_number, start_date,
             ROW_NUMBER() OVER (PARTITION BY mother_id, trajectory_number ORDER BY start_date, dossier_id) AS nth,
             MAX(trajectory_number) OVER (PARTITION BY mother_id) AS highest
      FROM dossier) AS numbered
WHERE nth > 1;
UPDATE dossier
SET trajectory_number = (SELECT new_number FROM trajectory_renumbering r WHERE r.dossier_id = dossier.dossier_id),
    version = version + 1, updated_at = now()
WHERE dossier_id IN (SELECT dossier_id FROM trajectory_renumbering);
CREATE UNIQUE INDEX dossier_mother_trajectory ON dossier (mother_id, trajectory_number);
