// Views of schema v3: as v1 (views-v1.ts), with the analyst's corrections applied (corrections
// table): the corrected kind, period, province and unit; removed documents left out of every
// view but v_documents_all; a chosen document preferred over other reports of its unit and
// round. A document naming a unit as it was before 1 July 2025 is compared under the unit it now
// belongs to; it keeps the name it gives (unit_as_written, former_unit) and, when several former
// units merged into that unit, is marked partial with the names they had (merged_from).

export const VIEWS_V3 = `
DROP VIEW IF EXISTS v_flags;
DROP VIEW IF EXISTS v_latest_values;
DROP VIEW IF EXISTS v_indicator_values;
DROP VIEW IF EXISTS v_documents;

-- Every document with its corrections applied, removed ones included (removed = 1).
CREATE VIEW v_documents_corrected AS
SELECT
  d.id, d.sha256, d.path, d.name, d.format,
  COALESCE(c.kind, d.kind) AS kind, d.number,
  COALESCE(p.name, d.province_name) AS province,
  COALESCE(u.name, d.unit_name) AS unit,
  COALESCE(u.level, d.unit_level) AS level,
  u.code AS unit_code,
  COALESCE(u.province_code, c.province_code, d.province_code) AS province_code,
  COALESCE(c.unit_code, d.unit_key) AS unit_key,
  CASE WHEN c.period_end IS NOT NULL THEN c.period_start ELSE d.period_start END AS period_start,
  COALESCE(c.period_end, d.period_end) AS period_end,
  d.issued_on,
  COALESCE(c.period_end, d.period_end, d.issued_on) AS as_of,
  CAST(substr(COALESCE(c.period_end, d.period_end, d.issued_on), 1, 4) AS INTEGER) AS year,
  d.signer_name, d.signer_title, d.teams, d.team_members, d.pages, d.fact_count,
  d.imported_at, d.rules_version, d.fingerprint,
  d.unit_name AS unit_as_written, d.province_name AS province_as_written,
  d.district_name AS district,
  CASE WHEN d.former_name IS NOT NULL
       THEN d.former_name || ' (' || d.former_district || ', ' || d.former_province || ')' END AS former_unit,
  CASE WHEN d.former_name IS NOT NULL
       THEN (SELECT json_group_array(f.name) FROM (SELECT DISTINCT name FROM former_units WHERE new_code = u.code ORDER BY name) f) END AS merged_from,
  CASE WHEN d.former_name IS NULL THEN 0
       ELSE (SELECT count(DISTINCT name || '|' || district) FROM former_units WHERE new_code = u.code) > 1 END AS partial,
  COALESCE(c.removed, 0) AS removed,
  COALESCE(c.chosen, 0) AS chosen,
  c.document_id IS NOT NULL AND (c.province_code IS NOT NULL OR c.unit_code IS NOT NULL OR c.period_end IS NOT NULL
    OR c.kind IS NOT NULL OR c.removed = 1 OR c.chosen = 1) AS corrected
FROM documents d
LEFT JOIN corrections c ON c.document_id = d.id
LEFT JOIN units u ON u.code = COALESCE(c.unit_code, d.unit_code)
LEFT JOIN provinces p ON p.code = COALESCE(u.province_code, c.province_code, d.province_code);

-- What every comparison reads: the documents not removed.
CREATE VIEW v_documents AS
SELECT d.*,
  -- the same report imported in another format, or sent again corrected: the one the analyst
  -- chose, else the last one stored, stands for all (reports of two former communes now one
  -- unit are never copies of each other)
  CASE WHEN d.fingerprint IS NULL THEN NULL
       ELSE NULLIF(FIRST_VALUE(d.id) OVER (PARTITION BY d.unit_key, d.former_unit, d.fingerprint ORDER BY d.chosen DESC, d.id DESC), d.id)
  END AS duplicate_of
FROM v_documents_corrected d
WHERE d.removed = 0;

-- Every document, removed ones too (tonghop documents --removed, tonghop show).
CREATE VIEW v_documents_all AS
SELECT * FROM v_documents
UNION ALL
SELECT d.*, NULL AS duplicate_of FROM v_documents_corrected d WHERE d.removed = 1;

CREATE VIEW v_indicator_values AS
SELECT
  d.id AS document_id, d.name AS document, d.kind, d.province, d.province_code, d.unit, d.level,
  d.unit_code, d.unit_key, d.period_start, d.period_end, d.as_of, d.year, d.issued_on, d.duplicate_of,
  iv.indicator, iv.value, iv.value_kind, iv.status, iv.role, iv.qualifier, iv.num, iv.den, iv.unit,
  COALESCE(iv.target, t.value) AS target,
  CASE WHEN iv.target IS NOT NULL THEN 'document' ELSE t.source END AS target_source,
  CASE WHEN iv.target IS NOT NULL THEN d.name ELSE t.reference END AS target_reference,
  CASE
    WHEN iv.unmet = 1 THEN 1
    WHEN iv.role = 'target' OR iv.value IS NULL OR iv.status IS NOT NULL THEN NULL
    WHEN iv.target IS NOT NULL THEN iv.value < iv.target
    WHEN t.id IS NULL OR t.value_kind IS NOT iv.value_kind THEN NULL
    WHEN d.period_end >= (d.year || '-12-01') THEN iv.value < t.value
    ELSE NULL
  END AS unmet,
  f.quote, f.page, iv.fact_id, d.chosen, d.partial
FROM indicator_values iv
JOIN v_documents d ON d.id = iv.document_id
LEFT JOIN facts f ON f.document_id = iv.document_id AND f.id = iv.fact_id
LEFT JOIN targets t ON t.id = (
  SELECT t2.id FROM targets t2
  WHERE t2.indicator = iv.indicator AND t2.year = d.year
    AND (t2.unit_code = d.unit_code OR (t2.unit_code IS NULL AND t2.province_code = d.province_code))
    AND t2.document_id IS NOT d.id
    AND (t2.document_id IS NULL OR t2.document_id NOT IN (SELECT document_id FROM corrections WHERE removed = 1))
  ORDER BY t2.unit_code IS NOT NULL DESC, t2.source = 'plan' DESC, t2.id DESC
  LIMIT 1
);

-- Each unit's latest actual value for each indicator (what compare and matrix show); between
-- reports of the same period the one the analyst chose, else the latest issued, else the last stored.
CREATE VIEW v_latest_values AS
SELECT * FROM (
  SELECT v.*, ROW_NUMBER() OVER (
    PARTITION BY v.unit_key, v.indicator
    ORDER BY v.as_of DESC NULLS LAST, v.chosen DESC, v.issued_on DESC NULLS LAST, v.document_id DESC
  ) AS latest_rank
  FROM v_indicator_values v
  WHERE v.role IS NOT 'target'
) WHERE latest_rank = 1;

-- Unmet targets and data issues, by unit (one copy of a report imported in several formats).
CREATE VIEW v_flags AS
SELECT v.province, v.province_code, v.unit, v.level, v.unit_key, v.period_start, v.period_end, v.as_of,
  'unmet' AS kind, v.indicator, v.value, v.target, v.target_reference, NULL AS message,
  v.document_id, v.document, v.quote, v.page
FROM v_indicator_values v
WHERE v.unmet = 1 AND v.duplicate_of IS NULL
UNION ALL
SELECT d.province, d.province_code, d.unit, d.level, d.unit_key, d.period_start, d.period_end, d.as_of,
  'unmet', f.indicator, f.value, f.target, NULL, NULL,
  d.id, d.name, f.quote, f.page
FROM facts f JOIN v_documents d ON d.id = f.document_id
WHERE f.kind = 'unmet' AND d.duplicate_of IS NULL
  AND NOT EXISTS (SELECT 1 FROM v_indicator_values v
                  WHERE v.document_id = f.document_id AND v.indicator IS f.indicator AND v.unmet = 1)
UNION ALL
SELECT d.province, d.province_code, d.unit, d.level, d.unit_key, d.period_start, d.period_end, d.as_of,
  i.kind, i.indicator, NULL, NULL, NULL, i.message,
  d.id, d.name, NULL, NULL
FROM issues i JOIN v_documents d ON d.id = i.document_id
WHERE d.duplicate_of IS NULL;
`;
