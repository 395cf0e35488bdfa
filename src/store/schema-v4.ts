// Version 4 (rounds, issue 9): a published target may be set for a mid-year round — the first
// `months` months of its year, cumulative (6: the six-month round) — instead of the whole year.
// Null: a target for the whole year, as before. (Numbered after the corrections tables, v3.)

export const SCHEMA_V4 = `
ALTER TABLE targets ADD COLUMN months INTEGER CHECK (months IS NULL OR months BETWEEN 1 AND 12);
`;
