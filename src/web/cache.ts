// Rendered pages and API answers kept until the database changes: the workspace reads through
// one read-only connection, whose PRAGMA data_version changes whenever another connection (an
// import, a correction, the CLI) commits. A country's round view takes seconds to compute; the
// second look at the same page takes none, and any write makes every entry stale at once.

import type { Db } from "../store/index.js";

export class PageCache {
  private entries = new Map<string, { body: string; type: string; status: number }>();
  private version = -1;
  private bytes = 0;

  constructor(private db: Db, private limits = { entries: 200, bytes: 64 * 1024 * 1024 }) {}

  private fresh(): void {
    const v = this.db.pragma("data_version", { simple: true }) as number;
    if (v !== this.version) {
      this.entries.clear();
      this.bytes = 0;
      this.version = v;
    }
  }

  get(key: string): { body: string; type: string; status: number } | undefined {
    this.fresh();
    const e = this.entries.get(key);
    if (e) {
      // most recently used last
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    return e;
  }

  set(key: string, e: { body: string; type: string; status: number }): void {
    this.fresh();
    if (e.body.length > this.limits.bytes / 4) return;
    this.entries.set(key, e);
    this.bytes += e.body.length;
    while (this.entries.size > this.limits.entries || this.bytes > this.limits.bytes) {
      const [k, old] = this.entries.entries().next().value as [string, { body: string }];
      this.entries.delete(k);
      this.bytes -= old.body.length;
    }
  }
}
