// PDF reader (pdfjs-dist legacy build): placeholder until the reader lands.
import { ReadError, type NormalizedDocument } from "./types.js";

export async function readPdf(_bytes: Uint8Array): Promise<NormalizedDocument> {
  throw new ReadError("unsupported_format", "PDF reader not built yet");
}
