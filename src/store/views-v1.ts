// Views for the comparisons. The commands add their filters (province, period) on top of these;
// in a SQLite browser they answer the same questions unfiltered.
//
// "Latest" is the latest period (else issue date); between reports of the same period, the one
// stored last (a corrected report sent again replaces the first).
//
// A report is judged against a target for the year its period ends in. Targets come, most
// specific first, from the document itself, a plan or rule for the unit, then for the province
// (plans imported into the database before the rules). A value below a published target counts
// as unmet only when the period runs to the end of that year (a mid-year report is not judged),
// or when the document states its own target or says itself that the target was not met.

export const VIEWS_V1 = `
CREATE VIEW v_documents AS
SELECT
  d.id, d.sha256, d.path, d.name, d.format, d.kind, d.number,
  COALESCE(p.name, d.province_name) AS province,
  COALESCE(u.name, d.unit_name) AS unit,
  COALESCE(u.level, d.unit_level) AS level,
  d.unit_code,
  COALESCE(u.province_code, d.province_code) AS province_code,
  d.unit_key,
  d.period_start, d.period_end, d.issued_on,
  COALESCE(d.period_end, d.issued_on) AS as_of,
  CAST(substr(COALESCE(d.period_end, d.issued_on), 1, 4) AS INTEGER) AS year,
  d.signer_name, d.signer_title, d.teams, d.team_members, d.pages, d.fact_count,
  d.imported_at, d.rules_version,
  -- the same report imported in another format, or sent again corrected: the last one stored
  -- stands for all
  CASE WHEN d.fingerprint IS NULL THEN NULL
       ELSE NULLIF(MAX(d.id) OVER (PARTITION BY d.unit_key, d.fingerprint), d.id)
  END AS duplicate_of
FROM documents d
LEFT JOIN units u ON u.code = d.unit_code
LEFT JOIN provinces p ON p.code = COALESCE(u.province_code, d.province_code);

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
  f.quote, f.page, iv.fact_id
FROM indicator_values iv
JOIN v_documents d ON d.id = iv.document_id
LEFT JOIN facts f ON f.document_id = iv.document_id AND f.id = iv.fact_id
LEFT JOIN targets t ON t.id = (
  SELECT t2.id FROM targets t2
  WHERE t2.indicator = iv.indicator AND t2.year = d.year
    AND (t2.unit_code = d.unit_code OR (t2.unit_code IS NULL AND t2.province_code = d.province_code))
    AND t2.document_id IS NOT d.id
  ORDER BY t2.unit_code IS NOT NULL DESC, t2.source = 'plan' DESC, t2.id DESC
  LIMIT 1
);

-- Each unit's latest actual value for each indicator (what compare and matrix show).
CREATE VIEW v_latest_values AS
SELECT * FROM (
  SELECT v.*, ROW_NUMBER() OVER (
    PARTITION BY v.unit_key, v.indicator
    ORDER BY v.as_of DESC NULLS LAST, v.issued_on DESC NULLS LAST, v.document_id DESC
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
