import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // CLI and worker tests run the compiled dist/: build it once before the run
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // the OCR tests read with tesseract.js, what every analyst has after `npm install`; the native
    // program, an optional speed-up, has its own test (test/ocr-native.test.ts)
    env: { TONGHOP_OCR_ENGINE: "js" },
  },
});
