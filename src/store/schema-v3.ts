// Schema v3: the analyst's corrections, kept apart from what was extracted so that they survive
// `tonghop reextract --all`, with an audit log; what a document says about its place as written
// (district, the unit's code as extracted) and the pre-merger unit it names; the former units
// (before 1 July 2025) and the unit each now belongs to. The views are rebuilt to apply the
// corrections (views-v3.ts).

export const SCHEMA_V3 = `
-- One row per corrected document: NULL leaves what was extracted.
CREATE TABLE corrections (
  document_id           INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  province_code         TEXT REFERENCES provinces (code),   -- tonghop set --province
  unit_code             TEXT REFERENCES units (code),       -- tonghop set --unit
  period_start          TEXT,                               -- tonghop set --period
  period_end            TEXT,
  kind                  TEXT CHECK (kind IN ('report', 'plan', 'other')),  -- tonghop set --kind
  default_province_code TEXT REFERENCES provinces (code),   -- tonghop import --province
  removed               INTEGER NOT NULL DEFAULT 0,         -- tonghop remove / restore
  chosen                INTEGER NOT NULL DEFAULT 0,         -- tonghop choose: counts for its unit and round
  updated_at            TEXT NOT NULL
);

-- Every correction with its time: what was changed, from what, to what.
CREATE TABLE correction_log (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  at          TEXT NOT NULL,
  action      TEXT NOT NULL,        -- set | remove | restore | choose | unchoose | default_province
  field       TEXT,                 -- province | unit | period | kind (for set)
  old_value   TEXT,
  new_value   TEXT
);
CREATE INDEX correction_log_document ON correction_log (document_id);

-- Communes, wards and townships before 1 July 2025 (data/vn-former-units) and the current unit
-- each belongs to (two rows for a unit that was split).
CREATE TABLE former_units (
  code           TEXT,              -- code before 1 July 2025 (NULL for a few)
  level          TEXT NOT NULL,     -- xa | phuong | thi_tran
  name           TEXT NOT NULL,
  district_level TEXT NOT NULL,     -- huyen | quan | thi_xa | thanh_pho
  district       TEXT NOT NULL,
  province       TEXT NOT NULL,     -- former province
  new_code       TEXT NOT NULL REFERENCES units (code)
);
CREATE INDEX former_units_new ON former_units (new_code);

ALTER TABLE documents ADD COLUMN district_name TEXT;    -- the district the text names (pre-merger)
ALTER TABLE documents ADD COLUMN district_level TEXT;
ALTER TABLE documents ADD COLUMN stated_unit_code TEXT; -- the unit code the extractor found
ALTER TABLE documents ADD COLUMN former_code TEXT;      -- the pre-merger unit the text names, when placed through it
ALTER TABLE documents ADD COLUMN former_name TEXT;
ALTER TABLE documents ADD COLUMN former_level TEXT;
ALTER TABLE documents ADD COLUMN former_district TEXT;
ALTER TABLE documents ADD COLUMN former_province TEXT;
UPDATE documents SET stated_unit_code = unit_code;
`;
