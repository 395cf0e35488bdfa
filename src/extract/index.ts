// Extract stage entry point: normalised document + rules → extraction document.

import type { NormalizedDocument } from "../ingest/types.js";
import type { Rules } from "../rules/schema.js";
import { SCHEMA, type ExtractionDocument, type Source } from "./types.js";

export type { ExtractionDocument, Fact, Source } from "./types.js";

export function extractDocument(doc: NormalizedDocument, source: Source, rules: Rules): ExtractionDocument {
  return {
    schema: SCHEMA,
    source,
    document: {
      kind: "other",
      number: null,
      unit: { level: null, name: null },
      province: null,
      issued_on: null,
      period: null,
      signer: { name: null, title: null },
    },
    sections: [],
    facts: [],
    indicators: {},
    teams: { teams: null, members: null },
    issues: [],
    rules_version: rules.version,
  };
}
