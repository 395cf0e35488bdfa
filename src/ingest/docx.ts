// DOCX reader (mammoth): placeholder until the reader lands.
import { ReadError, type NormalizedDocument } from "./types.js";

export async function readDocx(_bytes: Uint8Array): Promise<NormalizedDocument> {
  throw new ReadError("unsupported_format", "DOCX reader not built yet");
}
