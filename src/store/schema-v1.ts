// Version 1 of the database: plain tables with clear names, so the file is also pleasant in any
// SQLite browser. Character offsets are named text_start/text_end ("end" is an SQL keyword).

export const SCHEMA_V1 = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Official administrative units (data/vn-admin-units), loaded when the database is created.
CREATE TABLE provinces (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,           -- "Khánh Hoà" (official spelling)
  full_name   TEXT NOT NULL,           -- "Tỉnh Khánh Hoà"
  level       TEXT NOT NULL CHECK (level IN ('tinh', 'thanh_pho')),
  name_folded TEXT NOT NULL            -- "khanh hoa": for matching names as reports write them
);
CREATE INDEX provinces_name_folded ON provinces (name_folded);

CREATE TABLE units (
  code          TEXT PRIMARY KEY,
  province_code TEXT NOT NULL REFERENCES provinces (code),
  name          TEXT NOT NULL,         -- "Ba Ngòi"
  full_name     TEXT NOT NULL,         -- "Phường Ba Ngòi"
  level         TEXT NOT NULL CHECK (level IN ('xa', 'phuong', 'dac_khu')),
  name_folded   TEXT NOT NULL
);
CREATE INDEX units_name_folded ON units (name_folded, province_code);
CREATE INDEX units_province ON units (province_code);

-- The indicator catalogue of the rules last used (rules/indicators.yaml).
CREATE TABLE indicators (
  code     TEXT PRIMARY KEY,
  label    TEXT NOT NULL,
  unit     TEXT NOT NULL,             -- percent | count | yesno | count_or_percent
  position INTEGER NOT NULL,          -- order in the catalogue
  active   INTEGER NOT NULL DEFAULT 1 -- 0: no longer in the rules, kept for older documents
);

CREATE TABLE import_runs (
  id            INTEGER PRIMARY KEY,
  command       TEXT NOT NULL,        -- import | reextract
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  status        TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'interrupted')),
  paths         TEXT NOT NULL,        -- JSON array of the paths given
  rules_version TEXT NOT NULL,
  jobs          INTEGER,
  pid           INTEGER,
  files         INTEGER,
  imported      INTEGER NOT NULL DEFAULT 0,
  skipped       INTEGER NOT NULL DEFAULT 0,
  failed        INTEGER NOT NULL DEFAULT 0,
  seconds       REAL
);

CREATE TABLE import_errors (
  id     INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
  path   TEXT NOT NULL,
  code   TEXT,                        -- stable reader code (empty, encrypted, timeout …) when known
  error  TEXT NOT NULL,               -- one line for the analyst
  at     TEXT NOT NULL
);
CREATE INDEX import_errors_run ON import_errors (run_id);

CREATE TABLE documents (
  id            INTEGER PRIMARY KEY,
  sha256        TEXT NOT NULL UNIQUE, -- of the original bytes: the same file is stored once
  path          TEXT NOT NULL,        -- where it was imported from
  name          TEXT NOT NULL,        -- file name
  format        TEXT NOT NULL CHECK (format IN ('text', 'markdown', 'docx', 'pdf')),
  bytes         INTEGER,
  pages         INTEGER,
  ocr           INTEGER NOT NULL DEFAULT 0,
  kind          TEXT NOT NULL CHECK (kind IN ('report', 'plan', 'other')),
  number        TEXT,                 -- "141/BC-UBND"
  unit_code     TEXT REFERENCES units (code),         -- null when not found in the official list
  unit_key      TEXT NOT NULL,        -- groups a unit's documents: its code, else its folded name
  fingerprint   TEXT,                 -- same report in another format: same unit and fingerprint
  unit_level    TEXT,                 -- as the document states it
  unit_name     TEXT,
  province_code TEXT REFERENCES provinces (code),
  province_name TEXT,                 -- as the document states it
  period_start  TEXT,
  period_end    TEXT,
  issued_on     TEXT,
  signer_name   TEXT,
  signer_title  TEXT,
  teams         INTEGER,              -- Tổ công nghệ số cộng đồng (village level)
  team_members  INTEGER,
  fact_count    INTEGER NOT NULL,     -- written with the facts: a check that the document is whole
  run_id        INTEGER REFERENCES import_runs (id) ON DELETE SET NULL,
  imported_at   TEXT NOT NULL,
  extracted_at  TEXT NOT NULL,
  rules_version TEXT NOT NULL
);
CREATE INDEX documents_unit ON documents (unit_code);
CREATE INDEX documents_unit_key ON documents (unit_key);
CREATE INDEX documents_province ON documents (province_code);

-- The normalised text and its blocks: re-extraction needs no original file.
CREATE TABLE document_texts (
  document_id   INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  text          TEXT NOT NULL,
  text_folded   TEXT NOT NULL,        -- without tone marks, đ→d, lower case (for search)
  blocks_json   TEXT NOT NULL,
  pages_json    TEXT,
  warnings_json TEXT NOT NULL DEFAULT '[]'
);

-- Full-text search: MATCH 'text: "học vụ"' or MATCH 'text_folded: "hoc vu"' (see fold()).
CREATE VIRTUAL TABLE document_search USING fts5 (
  text, text_folded,
  content = 'document_texts', content_rowid = 'document_id',
  tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER document_texts_ai AFTER INSERT ON document_texts BEGIN
  INSERT INTO document_search (rowid, text, text_folded) VALUES (new.document_id, new.text, new.text_folded);
END;
CREATE TRIGGER document_texts_ad AFTER DELETE ON document_texts BEGIN
  INSERT INTO document_search (document_search, rowid, text, text_folded) VALUES ('delete', old.document_id, old.text, old.text_folded);
END;
CREATE TRIGGER document_texts_au AFTER UPDATE ON document_texts BEGIN
  INSERT INTO document_search (document_search, rowid, text, text_folded) VALUES ('delete', old.document_id, old.text, old.text_folded);
  INSERT INTO document_search (rowid, text, text_folded) VALUES (new.document_id, new.text, new.text_folded);
END;

CREATE TABLE sections (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  id          TEXT NOT NULL,          -- "s7", as in the extraction document
  parent      TEXT,
  number      TEXT,
  title       TEXT NOT NULL,
  level       INTEGER NOT NULL,
  text_start  INTEGER NOT NULL,
  text_end    INTEGER NOT NULL,
  page        INTEGER,
  PRIMARY KEY (document_id, id)
) WITHOUT ROWID;

CREATE TABLE facts (
  document_id    INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  id             TEXT NOT NULL,       -- "f3"
  kind           TEXT NOT NULL,       -- percent | ratio | count | team | unmet | yesno | not_applicable
  indicator      TEXT,
  section        TEXT,
  value          REAL,                -- percent, count, the ratio's percent, yes = 1 / no = 0
  num            REAL,
  den            REAL,
  stated_percent REAL,
  unit           TEXT,                -- counted noun as written
  qualifier      TEXT,
  role           TEXT,
  teams          INTEGER,
  members        INTEGER,
  scope          TEXT,
  roster         INTEGER,
  basis          TEXT,
  target         REAL,
  quote          TEXT NOT NULL,
  text_start     INTEGER,
  text_end       INTEGER,
  page           INTEGER,
  PRIMARY KEY (document_id, id)
) WITHOUT ROWID;
CREATE INDEX facts_indicator ON facts (indicator);

-- The value each document gives an indicator (the one the comparison tables use).
CREATE TABLE indicator_values (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  indicator   TEXT NOT NULL REFERENCES indicators (code),
  value       REAL,                   -- percent (also of a ratio), count, yes = 1 / no = 0
  value_kind  TEXT,                   -- percent | count | yesno (what the value measures)
  status      TEXT,                   -- not_applicable
  role        TEXT,
  qualifier   TEXT,
  num         REAL,
  den         REAL,
  unit        TEXT,
  target      REAL,                   -- the target the document itself states
  unmet       INTEGER,                -- 1 when the extractor found it unmet
  fact_id     TEXT,
  PRIMARY KEY (document_id, indicator),
  FOREIGN KEY (document_id, fact_id) REFERENCES facts (document_id, id)
) WITHOUT ROWID;
CREATE INDEX indicator_values_indicator ON indicator_values (indicator);

CREATE TABLE issues (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  message     TEXT NOT NULL,
  indicator   TEXT,
  text_start  INTEGER,
  text_end    INTEGER,
  PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;

-- Targets by year: from the rules (province-wide, or one unit) and from plans imported here
-- (a commune's plan sets that commune's targets). value_kind says what the value measures.
CREATE TABLE targets (
  id            INTEGER PRIMARY KEY,
  source        TEXT NOT NULL CHECK (source IN ('rules', 'plan')),
  province_code TEXT REFERENCES provinces (code),
  unit_code     TEXT REFERENCES units (code),
  year          INTEGER NOT NULL,
  indicator     TEXT NOT NULL REFERENCES indicators (code),
  value         REAL NOT NULL,
  value_kind    TEXT NOT NULL,        -- percent | count
  qualifier     TEXT NOT NULL DEFAULT 'exact',
  unit          TEXT,                 -- counted noun for count targets
  reference     TEXT NOT NULL,        -- the plan the target comes from
  document_id   INTEGER REFERENCES documents (id) ON DELETE CASCADE,
  rules_version TEXT
);
CREATE INDEX targets_lookup ON targets (indicator, year, unit_code, province_code);
CREATE INDEX targets_document ON targets (document_id);
`;
