// Issue 11, speed and memory: the import's file workers share one count of scanned pages in
// flight (OcrService). A place is held from rendering until recognition; a stopped worker's places
// come back, so a timed-out scan cannot starve the rest of the batch.
import { describe, expect, it } from "vitest";
import { OcrService } from "../src/batch/ocr-service.js";
import { Places } from "../src/ingest/ocr/engine.js";

const settled = async <T>(p: Promise<T>): Promise<boolean> => {
  let done = false;
  void p.then(() => (done = true));
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return done;
};

describe("pages in flight", () => {
  it("hands out places in order and takes each back once", async () => {
    const places = new Places(2);
    const a = await places.take();
    const b = await places.take();
    const c = places.take();
    expect(await settled(c)).toBe(false);
    a();
    a(); // freeing twice frees once
    expect(await settled(c)).toBe(true);
    const d = places.take();
    expect(await settled(d)).toBe(false);
    b();
    expect(await settled(d)).toBe(true);
  });

  it("gives one more place than recognisers, shared by the workers, and frees a stopped worker's", async () => {
    const service = new OcrService(1);
    const t1 = await service.handle({ reserve: true }, 11);
    const t2 = await service.handle({ reserve: true }, 11);
    expect(t1).not.toBe(t2);
    const waiting = service.handle({ reserve: true }, 12);
    expect(await settled(waiting)).toBe(false);
    await service.handle({ release: t1 as number }, 11);
    const t3 = await waiting;
    expect(typeof t3).toBe("number");
    const next = service.handle({ reserve: true }, 12);
    expect(await settled(next)).toBe(false);
    service.workerGone(11); // worker 11 timed out holding t2
    expect(typeof (await next)).toBe("number");
    // a place granted to a worker already stopped is handed straight back
    const late = service.handle({ reserve: true }, 13);
    service.workerGone(13);
    await service.handle({ release: t3 as number }, 12);
    expect(await late).toBeNull();
    expect(await settled(service.handle({ reserve: true }, 14))).toBe(true);
    await service.close();
  });
});
