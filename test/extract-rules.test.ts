// Rules are data: a new phrasing or a province's target changes extraction with no code change.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lexiconFor } from "../src/extract/lexicon.js";
import { sentencesOf } from "../src/extract/segments.js";
import { loadUnits } from "../src/extract/units.js";
import { foldPhrase } from "../src/extract/vnkey.js";
import { readDocument } from "../src/ingest/index.js";
import { readRules, RulesError } from "../src/rules/load.js";
import { placesRules, withoutLevel } from "../src/rules/places.js";
import { foldName } from "../src/store/fold.js";
import { extractText, report } from "./extract-helpers.js";
import { ROOT, runCli } from "./helpers.js";

/** `tonghop rules check --rules DIR`, which must fail; `has` asserts one of its error lines. */
function rulesCheckFails(dir: string): { cli: ReturnType<typeof runCli>; has: (re: RegExp) => void } {
  const cli = runCli(["rules", "check", "--rules", dir]);
  expect(cli.status).toBe(1);
  const lines = cli.stderr.split("\n");
  return { cli, has: (re) => expect(lines.some((l) => re.test(l)), `${re} in\n${cli.stderr}`).toBe(true) };
}

function rulesCopy(): string {
  return rulesCopyOf(join(ROOT, "rules"));
}

function rulesCopyOf(from: string): string {
  const dir = mkdtempSync(join(tmpdir(), "tonghop-rules-"));
  cpSync(from, dir, { recursive: true });
  return dir;
}

describe("rules as data", () => {
  it("a new phrasing in rules/ maps a figure it did not map before", () => {
    const text = report("Có 64% cư dân đã thành thạo kỹ năng số cơ bản, có tri thức cơ bản về chuyển đổi số.");
    const dir = rulesCopy();
    expect(extractText(text, readRules(dir)).indicators["3.3"]).toBeUndefined();
    const file = join(dir, "indicators.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("dân số trưởng thành, người dân]", "dân số trưởng thành, người dân, cư dân]"));
    expect(extractText(text, readRules(dir)).indicators["3.3"]?.value).toBe(64);
  });

  it("a province's target in rules/ makes a full-year result unmet", () => {
    const text = report("Tỷ lệ người lao động trong các doanh nghiệp, hợp tác xã có kỹ năng số đạt 70%.", { province: "Lâm Đồng", title: "Kết quả năm 2026" });
    const dir = rulesCopy();
    expect(extractText(text, readRules(dir)).indicators["3.5"]?.unmet).toBeUndefined();
    const file = join(dir, "targets.yaml");
    writeFileSync(file, readFileSync(file, "utf8") + `  - province: Lâm Đồng\n    year: 2026\n    source: Kế hoạch thử\n    values: { "3.5": 80 }\n`);
    expect(extractText(text, readRules(dir)).indicators["3.5"]).toMatchObject({ value: 70, target: 80, unmet: true });
  });

  it("reports every problem with its file and path", () => {
    const dir = rulesCopy();
    const file = join(dir, "indicators.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("priority: 50", "priority: high").replace("subject: [người có ảnh hưởng]", "subject: [người (có ảnh hưởng]"));
    let err: unknown;
    try {
      readRules(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RulesError);
    const problems = (err as RulesError).problems.join("\n");
    expect(problems).toMatch(/indicators\.yaml:\d+: chỉ tiêu “[^”]+”, độ ưu tiên \(priority\): cần số, gặp chữ “high”/);
    expect(problems).toMatch(/indicators\.yaml:\d+: chỉ tiêu “[^”]+”, chủ thể \(subject\), mục thứ 1: .*ngoặc/);
    const cli = runCli(["rules", "check", "--rules", dir]);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain("indicators.yaml");
  });

  it("`tonghop rules check` passes on the shipped rules", () => {
    const cli = runCli(["rules", "check"]);
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/^OK .*chỉ tiêu/);
    expect(cli.stdout).toContain("tonghop reextract");
  });

  it("`tonghop rules check` reports an unknown province, an unknown indicator code, a bad phrase, a list never read, a hidden phrase and a duplicate in one run", () => {
    const dir = rulesCopy();
    const edit = (name: string, f: (s: string) => string) => writeFileSync(join(dir, name), f(readFileSync(join(dir, name), "utf8")));
    edit("targets.yaml", (s) => s + `  - province: Thai Ngyen\n    year: 2026\n    source: Kế hoạch thử\n    values: { "9.99": 80 }\n`);
    edit("indicators.yaml", (s) => s.replace("subject: [người có ảnh hưởng]", "subject: [người (có ảnh hưởng]"));
    edit("language.yaml", (s) =>
      s
        .replace("count_units:\n", "count_units:\n  - tháng lương\n")
        .replace("villages: [", "villages: [Thôn, ")
        .replace("connectors:", "never_read: [một, hai]\nconnectors:"),
    );
    const { cli, has } = rulesCheckFails(dir);
    has(/^LỖI targets\.yaml:\d+: mục tiêu của Thai Ngyen năm 2026, tỉnh \(province\): không có tỉnh “Thai Ngyen”.*có phải “Thái Nguyên”\?/);
    has(/^LỖI targets\.yaml:\d+: .*chỉ tiêu “9\.99”: không có chỉ tiêu mã “9\.99”/);
    has(/^LỖI indicators\.yaml:\d+: chỉ tiêu “[^”]+”, chủ thể \(subject\), mục thứ 1: “người \(có ảnh hưởng”: ngoặc/);
    has(/^LỖI language\.yaml:\d+: danh sách “never_read”: .*không bao giờ có tác dụng/);
    has(/^LỖI language\.yaml:\d+: danh sách “danh từ đếm \(count_units\)”, mục thứ 1: “tháng lương” không bao giờ khớp: “tháng” trong not_counts/);
    has(/^LỖI language\.yaml:\d+: danh sách “villages”, mục thứ 2: “thôn” trùng với “Thôn”|^LỖI language\.yaml:\d+: danh sách “villages”, mục thứ 2: “thôn” trùng/);
    // no bare zod paths or English-only zod messages
    expect(cli.stderr).not.toMatch(/Invalid input|indicators\.\d+\.subject/);
  });

  it("`tonghop rules check` rejects bad number words with file, line and entry", () => {
    const dir = rulesCopy();
    const file = join(dir, "language.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8")
        .replace("thousand: [nghìn, ngàn]", "thousand: [nghìn, ngàn, nghìn đồng]")
        .replace("million: [triệu]", "million: [triệu, Nghin]")
        .replace("not_multiplier: [tỷ lệ]", "not_multiplier: [tỷ lệ, tỉ, số lượng]")
        .replace("percent: [phần trăm, điểm phần trăm]", "percent: [phần trăm, phần-trăm]"),
    );
    const { cli, has } = rulesCheckFails(dir);
    // schema: a multiplier is one word, a percent word is plain words
    has(/^LỖI language\.yaml:\d+: danh sách “numbers\.thousand”, mục thứ 3: .*một từ/);
    has(/^LỖI language\.yaml:\d+: danh sách “numbers\.percent”, mục thứ 2: .*chữ cái/);
    // the same word (after folding) as two multipliers
    has(/^LỖI language\.yaml:\d+: danh sách “numbers\.million”, mục thứ 2: “Nghin” cũng có trong numbers\.thousand/);
    // a not_multiplier phrase that is a multiplier word hides it; one that opens with another word is never read
    has(/^LỖI language\.yaml:\d+: danh sách “numbers\.billion”, mục thứ 1: “tỷ” không bao giờ khớp: “tỉ” trong numbers\.not_multiplier/);
    has(/^LỖI language\.yaml:\d+: danh sách “numbers\.not_multiplier”, mục thứ 3: “số lượng” không mở đầu bằng một từ nhân/);
  });

  it("`tonghop rules check` rejects bad heading and unit words with file, line and entry", () => {
    const dir = rulesCopy();
    const file = join(dir, "document.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("section_words: [phần, chương, mục]", "section_words: [phần, chương mục]").replace("unit_cues: [ủy ban nhân dân,", "unit_cues: [ủy ban nhân dân, Uỷ ban nhân dân,"));
    const lang = join(dir, "language.yaml");
    writeFileSync(lang, readFileSync(lang, "utf8").replace("team_members: [thành viên, người, đoàn viên (thanh niên), tình nguyện viên, hội viên]", "team_members: []"));
    const { cli, has } = rulesCheckFails(dir);
    has(/^LỖI document\.yaml:\d+: danh sách “section_words”, mục thứ 2: .*một từ/);
    has(/^LỖI document\.yaml:\d+: danh sách “unit_cues”, mục thứ 2: “Uỷ ban nhân dân” trùng với “ủy ban nhân dân”/);
    // the members proper are the first team_members phrase: the list cannot be empty
    has(/^LỖI language\.yaml:\d+: danh sách “team_members”: cần ít nhất 1 mục/);
  });

  it("dotted short forms are data: `rules check` rejects a broken one, and one taken out ends the sentence", async () => {
    const dir = rulesCopy();
    const file = join(dir, "language.yaml");
    const shipped = readFileSync(file, "utf8");
    writeFileSync(file, shipped.replace("dotted_abbreviations: [tp, tx,", "dotted_abbreviations: [tp, t x, tx, ths.,"));
    const { cli, has } = rulesCheckFails(dir);
    has(/^LỖI language\.yaml:\d+: danh sách “dotted_abbreviations”, mục thứ 2: .*không dấu cách/);
    has(/^LỖI language\.yaml:\d+: danh sách “dotted_abbreviations”, mục thứ 4: .*không dấu chấm cuối/);
    // "ThS. Lê Văn An" does not end the sentence while "ths" is listed
    const doc = await readDocument(new TextEncoder().encode("Lớp do ThS. Lê Văn An giảng dạy. Có 40 học viên.\n"), { fileName: "a.txt" });
    const count = (rulesDir: string) => sentencesOf(doc, lexiconFor(readRules(rulesDir)).dotted).length;
    writeFileSync(file, shipped);
    expect(count(dir)).toBe(2);
    writeFileSync(file, shipped.replace(" ths,", ""));
    expect(count(dir)).toBe(3);
  });

  it("the header's words are data: the number label and the place-date words come from rules/document.yaml, and `rules check` rejects a broken label", () => {
    const dir = rulesCopy();
    const file = join(dir, "document.yaml");
    const shipped = readFileSync(file, "utf8");
    const text = report("Trong năm, có 40 người dân tham gia học kỹ năng số.").replace("Số: 12/BC-UBND", "Ký hiệu: 12/BC-UBND").replace("ngày 20 tháng 12 năm 2025", "hôm 20 tháng 12 năm 2025");
    const doc = () => extractText(text, readRules(dir)).document;
    expect(doc()).toMatchObject({ number: null, issued_on: null });
    writeFileSync(file, shipped.replace("number_label: [số]", "number_label: [số, ký hiệu]").replace("  day: [ngày]", "  day: [ngày, hôm]"));
    expect(doc()).toMatchObject({ number: "12/BC-UBND", issued_on: "2025-12-20" });
    // a line opening with a not_place_date word is never the place-date line
    writeFileSync(file, shipped.replace("  day: [ngày]", "  day: [ngày, hôm]").replace("not_place_date: [thực hiện,", "not_place_date: [hòa bình, thực hiện,"));
    expect(doc().issued_on).toBeNull();
    // the label is read inside a regular expression: plain words only; a duplicate is reported
    writeFileSync(file, shipped.replace("number_label: [số]", "number_label: [số, số (văn bản)]").replace("not_place_date: [thực hiện,", "not_place_date: [Thực hiện, thực hiện,"));
    const { cli, has } = rulesCheckFails(dir);
    has(/^LỖI document\.yaml:\d+: danh sách “number_label”, mục thứ 2: .*chữ cái/);
    has(/^LỖI document\.yaml:\d+: danh sách “not_place_date”, mục thứ 2: “thực hiện” trùng với “Thực hiện”/);
  });

  it("signing prefixes are data: “KT.” before the signer's title comes from rules/document.yaml, and `rules check` rejects a two-word one", () => {
    const dir = rulesCopy();
    const file = join(dir, "document.yaml");
    const shipped = readFileSync(file, "utf8");
    const text = report("Trong năm, có 40 người dân tham gia học kỹ năng số.").replace("\nCHỦ TỊCH\n", "\nKT. CHỦ TỊCH\n");
    const signer = () => extractText(text, readRules(dir)).document.signer;
    expect(signer()).toEqual({ name: "Trần Văn Nam", title: "Chủ tịch" });
    writeFileSync(file, shipped.replace("signing_prefixes: [kt, tm,", "signing_prefixes: [tm,"));
    expect(signer().name).toBeNull();
    writeFileSync(file, shipped.replace("signing_prefixes: [kt, tm,", "signing_prefixes: [kt, t m,"));
    const cli = runCli(["rules", "check", "--rules", dir]);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/^LỖI document\.yaml:\d+: danh sách “signing_prefixes”, mục thứ 2: .*một từ/m);
  });

  it("number words are data: a multiplier taken out of rules/ no longer multiplies", () => {
    const text = report("Trong năm, có 5 ngàn người dân tham gia học kỹ năng số.");
    const dir = rulesCopy();
    const counts = () => extractText(text, readRules(dir)).facts.flatMap((f) => (f.kind === "count" ? [f.value] : []));
    expect(counts()).toContain(5000);
    const file = join(dir, "language.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("thousand: [nghìn, ngàn]", "thousand: [nghìn]"));
    expect(counts()).not.toContain(5000);
  });

  it("place level words come from rules/places.yaml for every lookup by name", () => {
    const dir = rulesCopy();
    expect(withoutLevel(foldName("Tỉnh Khánh Hoà"), "provinces", dir)).toBe("khanh hoa");
    expect(withoutLevel(foldName("TP. Hải Phòng"), "provinces", dir)).toBe("hai phong");
    expect(withoutLevel(foldName("phường Bến Thành"), "communes", dir)).toBe("ben thanh");
    // a level word an analyst adds is stripped too; one taken out is not
    const copy = rulesCopy();
    const file = join(copy, "places.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("provinces:\n  tinh: [tỉnh]\n  thanh_pho: [thành phố, tp]", "provinces:\n  tinh: [tỉnh, t]\n  thanh_pho: [thành phố]"));
    expect(withoutLevel(foldName("T. Khánh Hòa"), "provinces", copy)).toBe("khanh hoa");
    expect(withoutLevel(foldName("TP. Hải Phòng"), "provinces", copy)).toBe("tp. hai phong");
  });

  it("province aliases come from rules/places.yaml, and `rules check` rejects one naming no province", () => {
    const dir = rulesCopy();
    const file = join(dir, "places.yaml");
    const shipped = readFileSync(file, "utf8");
    expect(loadUnits(placesRules(dir)).provinceByKey.get(foldPhrase("Sài Gòn"))?.name).toBe("Hồ Chí Minh");
    // an alias an analyst adds names its province; one taken out no longer does
    writeFileSync(file, shipped.replace("  Sài Gòn: Hồ Chí Minh\n", "  Xứ Thanh: Thanh Hóa\n"));
    const copy = placesRules(rulesCopyOf(dir)); // (place rules are read once per folder)
    expect(loadUnits(copy).provinceByKey.get(foldPhrase("Xứ Thanh"))?.name).toBe("Thanh Hóa");
    expect(loadUnits(copy).provinceByKey.get(foldPhrase("Sài Gòn"))).toBeUndefined();
    writeFileSync(file, shipped.replace("  Sài Gòn: Hồ Chí Minh", "  Sài Gòn: Hồ Chí Min"));
    const cli = runCli(["rules", "check", "--rules", dir]);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/^LỖI places\.yaml:\d+: danh sách “province_aliases\.Sài Gòn”: “Sài Gòn”: không có tỉnh “Hồ Chí Min”.*có phải “Hồ Chí Minh”\?/m);
  });

  it("the levels of the official list's units come from rules/places.yaml communes, and `rules check` rejects a level left unnamed", () => {
    const dir = rulesCopy();
    const file = join(dir, "places.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("  dac_khu: [đặc khu]\n", ""));
    const levels = (d: string) => new Set([...loadUnits(placesRules(d)).unitsByKey.values()].flat().map((u) => u.level));
    expect(levels(join(ROOT, "rules"))).toEqual(new Set(["xa", "phuong", "dac_khu"]));
    expect(levels(dir)).toEqual(new Set(["xa", "phuong"]));
    const cli = runCli(["rules", "check", "--rules", dir]);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/^LỖI places\.yaml:\d+: danh sách “communes”: danh mục đơn vị hành chính có cấp “Đặc khu” mà communes không nêu/m);
  });

  it("`tonghop rules explain` names the rule that made each figure a goal or a result", () => {
    const cli = runCli(["rules", "explain", "Năm nay xã phấn đấu 90% hộ gia đình có cáp quang; hiện đã có 120 hộ dùng ví điện tử, đạt 45%."]);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/90%: tỷ lệ 90% .*vai trò mục tiêu \[cue: .*“phấn đấu”\]/);
    expect(cli.stdout).toMatch(/45%: tỷ lệ 45% .*vai trò kết quả \[cue: .*“đã”\]/);
    expect(cli.stdout).toMatch(/120: số lượng 120 hộ/);
  });

  it("`tonghop rules explain` prints every candidate with the decisions of each stage", () => {
    const cli = runCli(["rules", "explain", "Xã có 12 tổ công nghệ số cộng đồng với 84 thành viên, mỗi tổ từ 5 - 8 thành viên; phấn đấu 90% hộ gia đình có cáp quang."]);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/ 12: số tổ công nghệ số cộng đồng \(team_name_after\)\n    các bước: tổ teams \(team_name_after\)/);
    expect(cli.stdout).toMatch(/ 84: .*\n    các bước: tổ members \(member_noun\)/);
    expect(cli.stdout).toMatch(/ 5: không thành dữ kiện \(khoảng số thành viên/);
    expect(cli.stdout).toMatch(/ 90%: .*\n    các bước: vai trò mục tiêu \(cue “phấn đấu”\) → chỉ tiêu [^\n]* → dữ kiện percent/);
    const json = JSON.parse(runCli(["rules", "explain", "--format", "json", "Năm 2026, xã có 120 hộ dùng ví điện tử."]).stdout) as { sentences: { figures: { text: string; decisions: { step: string; rule: string }[] }[] }[] };
    const figures = json.sentences[0]!.figures;
    expect(figures.find((f) => f.text === "2026")!.decisions.at(-1)).toMatchObject({ step: "skip", rule: "not_counts" });
    expect(figures.find((f) => f.text === "120")!.decisions.map((d) => d.step)).toEqual(["role", "indicator", "fact"]);
  });

  it("`tonghop rules explain` names the bare_unmet phrase that closed a clause as a shortfall", () => {
    const cli = runCli(["rules", "explain", "Tỷ lệ người dân có kỹ năng số cơ bản đạt 70% (chỉ tiêu 90%) - không đạt."]);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/chưa đạt 3\.3 \(flag_after_figure “không đạt”\)/);
  });

  it("`tonghop rules explain` shows a result stated beside a goal and the time that decided it", () => {
    const cli = runCli(["rules", "explain", "Về hộ gia đình có cáp quang, mục tiêu 90%, hiện đạt 65%."]);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/90%: .*vai trò mục tiêu \[cue: .*“mục tiêu”\]/);
    expect(cli.stdout).toMatch(/65%: .*vai trò kết quả \[stated: .*“hiện”\]/);
  });
});
