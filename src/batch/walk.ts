// Finding the files to import: folders are walked recursively; hidden files and folders, and the
// system's files beside reports (Office lock files, Thumbs.db), are skipped; a folder reached
// twice (a symlink loop, or two links to one place) is walked once; a link that cannot be
// followed is reported for that path and the walk goes on.

import { lstatSync, readdirSync, statSync, type Stats } from "node:fs";
import { extname, join, resolve, sep } from "node:path";
import { ReadError } from "../ingest/types.js";
import { junkFileName } from "../ingest/zip-guard.js";

/**
 * Extensions taken from folders (a file named on the command line is always taken): what the
 * readers read (.zip archives are opened by the import), and office formats they cannot read but
 * explain (.xls, .ods, .ppt, .heic, .webp: "save it as …"), so an analyst learns about a report sent in the
 * wrong format; pictures, since a report photographed is a report. Anything else (source files,
 * databases, GIF and BMP graphics) is counted as ignored.
 */
export const REPORT_EXTENSIONS = new Set([
  ".txt", ".text", ".md", ".markdown", ".pdf", ".docx", ".doc", "",
  ".odt", ".ods", ".rtf", ".xls", ".xlsx", ".ppt", ".pptx", ".zip",
  // reports sent as pictures (a phone photo, a scanner's image or multi-page TIFF), read as scans
  ".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".heic",
]);

export interface FileEntry {
  path: string;
  size: number;
}

export interface WalkResult {
  files: FileEntry[];
  /** Paths that could not be walked or read (missing, loops, permissions), with the system error. */
  errors: { path: string; error: unknown }[];
  /** Files in the folders that are not reports by their extension (.gif, .exe …). */
  ignored: string[];
}

export function collectFiles(paths: string[], opts: { exclude?: string[] } = {}): WalkResult {
  const out: WalkResult = { files: [], errors: [], ignored: [] };
  const excluded = (opts.exclude ?? []).map((p) => resolve(p));
  const isExcluded = (p: string) => {
    const abs = resolve(p);
    return excluded.some((x) => abs === x || abs.startsWith(x + sep));
  };
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  const id = (st: Stats) => `${st.dev}:${st.ino}`;

  const addFile = (path: string, st: Stats) => {
    if (seenFiles.has(id(st))) return;
    seenFiles.add(id(st));
    out.files.push({ path, size: st.size });
  };

  const walkDir = (dir: string, st: Stats) => {
    if (seenDirs.has(id(st))) return; // a loop, or the same folder through another link
    seenDirs.add(id(st));
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (error) {
      out.errors.push({ path: dir, error });
      return;
    }
    for (const name of names) {
      // hidden files and what the system leaves beside reports (Office lock files, Thumbs.db), as in a zip
      if (junkFileName(name)) continue;
      const path = join(dir, name);
      if (isExcluded(path)) continue;
      let s: Stats;
      try {
        s = statSync(path); // follows links; ELOOP for a link to itself
      } catch (error) {
        out.errors.push({ path, error });
        continue;
      }
      if (s.isDirectory()) walkDir(path, s);
      else if (s.isFile()) {
        if (REPORT_EXTENSIONS.has(extname(name).toLowerCase())) addFile(path, s);
        else out.ignored.push(path);
      }
    }
  };

  for (const given of paths) {
    const path = given;
    if (isExcluded(path)) continue;
    let s: Stats;
    try {
      lstatSync(path);
      s = statSync(path);
    } catch (error) {
      out.errors.push({ path, error });
      continue;
    }
    if (s.isDirectory()) walkDir(path, s);
    else if (s.isFile()) addFile(path, s);
    // a pipe or a device would block the import
    else out.errors.push({ path, error: new ReadError("unreadable", "Không phải tệp thông thường (pipe, thiết bị): bỏ qua (not a regular file)") });
  }
  return out;
}
