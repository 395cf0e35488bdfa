// Shapes of the rule files in rules/ (YAML). Analysts edit these; every problem is reported
// with its file and path. Phrases are plain words, never regular expressions, so no rule can
// make matching slow: "(a|b)" lists alternatives, "(a)" marks optional words, "…" allows a gap
// of a few words. Phrases are matched on normalised words (case, tone marks, tỷ/tỉ, NFC/NFD and
// abbreviations folded), so spelling variants need no listing.

import { z } from "zod";
import { expandPhrase, PhraseError } from "./phrase.js";

const phrase = z
  .string()
  .min(1)
  .max(200)
  .superRefine((s, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: "custom", message });
    if (/[\\^$*+?{}[\]]/.test(s)) return fail(`“${s}”: cụm từ là chữ thường, không dùng ký tự biểu thức chính quy \\ ^ $ * + ? { } [ ] (phrases are plain words: regular-expression characters are not allowed)`);
    if ((s.match(/\(/g) ?? []).length !== (s.match(/\)/g) ?? []).length) return fail(`“${s}”: ngoặc mở và đóng không khớp (unbalanced parentheses)`);
    if ((s.match(/\(/g) ?? []).length > 6) return fail(`“${s}”: tối đa 6 nhóm ngoặc trong một cụm (at most 6 optional/alternative groups in one phrase)`);
    // the syntax extraction expands: nesting, gaps, number of variants
    try {
      expandPhrase(s);
    } catch (e) {
      if (e instanceof PhraseError) fail(e.message);
      else throw e;
    }
  });
const phrases = z.array(phrase).default([]);

export const IndicatorRule = z
  .object({
    code: z.string().regex(/^[0-9a-z_.]+$/, "mã chỉ gồm chữ thường không dấu, chữ số, '.' và '_' (codes are lower-case letters, digits, '.' and '_')"),
    label: z.string().min(3),
    /** Short Vietnamese name for column headers (tables, CSV, workbooks); default: the label. */
    short: z.string().min(2).max(40).optional(),
    /** Unit shown after the short name: "%", "người", "có/không"; default from `unit`. */
    unit_label: z.string().min(1).max(20).optional(),
    unit: z.enum(["percent", "count", "yesno", "count_or_percent"]),
    /** Higher wins when several indicators match one figure. */
    priority: z.number().int().min(0).max(1000).default(10),
    /** Who or what is counted: must start where the figure's subject starts ("60% người dân …", "Tỷ lệ học sinh …"). */
    subject: phrases,
    /** What they do or have: anywhere in the clause (all listed groups: any one phrase of each). */
    about: z.array(phrases).default([]),
    /** Words that may stand in the clause or the section title around it (e.g. "nền tảng" for MOOC counts). */
    context: phrases,
    /** The figure is NOT this indicator when any of these is in the clause. */
    not: phrases,
    /** Phrases that identify the indicator anywhere (flag lines such as "mô hình điểm Bình dân học AI"). */
    flag: phrases,
    /** Counted nouns accepted for a count indicator ("người", "lớp"). */
    count_units: phrases,
    /** Further row labels used by appendix tables; the label itself is always used. */
    table_labels: phrases,
  })
  .strict();

export const IndicatorsFile = z
  .object({
    version: z.number().int(),
    indicators: z.array(IndicatorRule).min(1),
  })
  .strict();

const targetValue = z.union([
  z.number(),
  z
    .object({
      value: z.number(),
      qualifier: z.enum(["exact", "about", "over", "under"]).default("exact"),
      unit: z.string().optional(),
    })
    .strict(),
]);

export const TargetRule = z
  .object({
    province: z.string().min(2),
    /** Commune or ward name when the target is set for one unit only. */
    unit: z.string().optional(),
    year: z.number().int().min(2020).max(2100),
    /** A target for the first `months` months of the year (6: the six-month round); absent: the whole year. */
    months: z.number().int().min(1).max(11).optional(),
    source: z.string().min(3),
    values: z.record(z.string(), targetValue),
  })
  .strict();

export const TargetsFile = z.object({ version: z.number().int(), targets: z.array(TargetRule) }).strict();

/** Plain words (letters and single spaces): number words are read straight from the text. */
const plainWords = z.string().trim().min(1).regex(/^[\p{L}]+(?: [\p{L}]+)*$/u, "chỉ gồm chữ cái và một dấu cách giữa các từ (plain words only: letters and single spaces)");
/** One word. */
const oneWord = z.string().trim().min(1).regex(/^[\p{L}]+$/u, "một từ, không dấu cách hay ký hiệu (one word: letters only)");

const qualifierWords = z
  .object({
    about: phrases,
    over: phrases,
    under: phrases,
  })
  .strict();

export const LanguageFile = z
  .object({
    version: z.number().int(),
    /** Short forms expanded while matching: "CBCCVC" → "cán bộ công chức viên chức". Only upper-case in the text. */
    abbreviations: z.record(z.string().min(1), z.string().min(1)),
    /** Short forms written with a dot that does not end a sentence ("TP. Huế", "v.v."): letters, with "." or "/" inside ("đ/c"). */
    dotted_abbreviations: z.array(z.string().trim().max(8).regex(/^\p{L}+(?:[./]\p{L}+)*$/u, "chữ cái, có thể có “.” hoặc “/” ở giữa, không dấu cách, không dấu chấm cuối (letters with an inner '.' or '/', no space, no final dot)")).min(1),
    qualifiers: qualifierWords,
    /** Words before a figure that make it a goal, not a result. */
    target: phrases,
    /** Words before a figure that make it a result even inside a plan ("đạt", "kết quả"). */
    actual: phrases,
    /** Cue words that match only with their own tone mark ("sẽ" is not the "sẻ" of "chia sẻ"): one word each. */
    tone_exact: z.array(oneWord).default([]),
    /** A result stated beside a goal ("mục tiêu 90%, hiện đạt 65%", "phấn đấu 80% (năm 2025: 72%)"): see extract/role.ts statedResult. */
    stated_result: z
      .object({
        /** Times that open the clause or parenthesis holding the result ("hiện", "năm nay"). */
        times: phrases,
        /** Words before a year written as a number ("năm 2025"). */
        year: phrases,
        /** Words that may stand between the time and the figure ("đã", "đạt"). */
        verbs: phrases,
      })
      .strict(),
    /** A goal's deadline still ahead ("đến hết năm nay"): not the reported period's own goal. */
    open_deadline: phrases,
    /** Words opening a paragraph that continue the paragraph before it ("Đồng thời", "Đặc biệt"): its goals stay goals. */
    connectors: phrases,
    /** Section titles that make the figures under them goals / keep them results. */
    target_sections: phrases,
    actual_sections: phrases,
    /** Words right before a figure that make it a goal ("duy trì 100% …"). */
    target_adjacent: phrases,
    /** Phrases that say a target was not met. */
    unmet: phrases,
    /** "đạt X% so với chỉ tiêu": the figure is a share of the target, not of the population. */
    share_of_target: phrases,
    /** Names of the community digital technology team. */
    team_names: phrases,
    /** Bodies that look like a team but are not one ("Tổ ứng cứu"). */
    team_not: phrases,
    /** The word for a team after a number ("15 tổ"). */
    team_word: phrases,
    /** Verbs that set teams up ("21/21 xã đã thành lập tổ …": one team per unit). */
    team_founding: phrases,
    /** Nouns counting a team's members; the first ("thành viên") is the members proper, the others count only beside a team. */
    team_members: z.array(phrase).min(1),
    /** Words opening a norm ("Mỗi thôn có thể thành lập 1 Tổ"): a team count after them is not a figure. */
    per_each: phrases,
    range_joiners: phrases,
    date_before: phrases,
    team_helps: phrases,
    rank_words: phrases,
    /** Before a place or unit noun, these make "one" a share for each ("Các thôn đã lập 1 tổ"). */
    distributive: phrases,
    /** Words right after a team name that make it the commune's own team ("cấp xã", "phường"). */
    commune_level: phrases,
    /** Village-level places (thôn, tổ dân phố …). */
    villages: phrases,
    /** Words before a member count that make it the teams' roster ("có", "gồm", "tổng số"). */
    roster_cues: phrases,
    /** Words that make a member count an attendance figure (an event). */
    attendance_cues: phrases,
    /** Background that is not a figure of the movement: a clause holding one of these gives no figure ("hộ nghèo", "là đồng bào …"). */
    background: phrases,
    /** How a place is made up ("Huyện A có 16 xã, thị trấn."): background, not a count. */
    structure: z.object({ verbs: phrases, units: phrases, joiners: phrases }).strict().default({ verbs: [], units: [], joiners: [] }),
    /** Counted nouns for count facts ("người", "lớp", "buổi" …). */
    count_units: phrases,
    /** Words before a number that make it a level, not a count ("Mức 3", "mức độ 4"). */
    level_words: phrases,
    /** Nouns after a number that are never counts ("năm", "tháng", "ngày" …). */
    not_counts: phrases,
    /** Verbs ending with a not_counts word that still count the number after them ("cung cấp 240 dịch vụ"). */
    counts_after: phrases,
    /** Number words (extract/numbers.ts): multipliers after a number and words written for "%". */
    numbers: z
      .object({
        /** Words written for "%" ("56 phần trăm"). */
        percent: z.array(plainWords).min(1),
        /** Multipliers after a number ("1,2 triệu" is 1 200 000): one word each. */
        thousand: z.array(oneWord).min(1),
        million: z.array(oneWord).min(1),
        billion: z.array(oneWord).min(1),
        /** Phrases that open with a multiplier word and are not one ("tỷ lệ"). */
        not_multiplier: z.array(plainWords).default([]),
        /** Words between a part and its whole: "3.120 trong tổng số 3.321 xã" is the ratio 3120/3321. */
        part_of: z.array(plainWords).default([]),
        /** Fraction words and their value: "một nửa" is 1/2 ("1 nửa" with the number in digits too). */
        fractions: z.record(z.string().trim().regex(/^[\p{L}\d]+(?: [\p{L}\d]+)*$/u, "chữ cái hoặc chữ số, một dấu cách giữa các từ (letters or digits, single spaces)"), z.string().regex(/^\d+\/\d+$/, "phân số a/b (a fraction a/b)")).default({}),
        /** After a fraction word, these say what it is a part of ("một nửa số hộ", "1 nửa trong số đó"): without one it is no figure ("nửa đầu năm"). */
        fraction_of: z.array(plainWords).default([]),
      })
      .strict(),
    /**
     * Phrases common in reports, read only as word pairs by the OCR's tone repair
     * (ingest/ocr/diacritics.ts reads every rules file so): a pair a scan garbled ("đấy mạnh") is
     * put right when one mark makes it one of these ("đẩy mạnh").
     */
    ocr_vocabulary: z.array(plainWords).default([]),
    /** Small words the readers look for (kept here so that no Vietnamese word list lives in code). */
    words: z
      .object({
        /** A bare evaluation closing a clause or opening a table cell ("Chưa đạt."). */
        bare_unmet: phrases,
        /** Words skipped before a figure's subject ("các", "những" …). */
        fillers: phrases,
        /** Verbs right before a figure whose subject opens the clause ("…, đạt 90%"). */
        result_verbs: phrases,
        /** Verbs that restate the figure before them ("tỷ lệ 70% … là 70%": one figure said twice). */
        restate: phrases,
        /** The subject of a rate follows these ("Tỷ lệ học sinh … đạt 100%"). */
        rate: phrases,
        /** Before a count repeating the count before it, one per place ("12 tổ … tại 12 thôn"). */
        located: phrases,
        /** A few words after a count's noun, these say it was counted before ("03 trạm nói trên"). */
        mentioned: phrases,
        /** Opening a sentence, the figure just before ("Số này chiếm 80%": the ratio's own percentage). */
        this_figure: phrases,
        /** "Số X: N", "tổng số X là N": the word opening a count's label … */
        number_of: phrases,
        /** … the word that may follow it ("số lượng") … */
        amount: phrases,
        /** … the word before it ("tổng số") … */
        total: phrases,
        /** … and a plural word after it ("số các xã"). */
        plural: phrases,
      })
      .strict(),
    /** Table column headers: target columns, result columns, evaluation columns. */
    columns: z
      .object({
        target: phrases,
        actual: phrases,
        evaluation: phrases,
        label: phrases,
        code: phrases,
        evidence: phrases,
        unit: phrases,
        share: phrases,
      })
      .strict(),
    /** Table answers. */
    answers: z.object({ yes: phrases, no: phrases, not_applicable: phrases }).strict(),
  })
  .strict();

const periodTerm = z
  .object({
    phrase,
    /** MM-DD of the period start and end within the year that follows the phrase. */
    start: z.string().regex(/^\d\d-\d\d$/),
    end: z.string().regex(/^\d\d-\d\d$/),
  })
  .strict();

const word = z.string().trim().min(1).regex(/^[\p{L}]+(?: [\p{L}]+)*$/u, "plain words only (letters and single spaces)");
const periodWords = z
  .object({
    from: z.array(word).min(1),
    to: z.array(word).min(1),
    until_end: z.array(word).min(1),
    day: z.array(word).min(1),
    month: z.array(word).min(1),
    year: z.array(word).min(1),
    stage: z.array(word).min(1),
  })
  .strict();

export const DocumentFile = z
  .object({
    version: z.number().int(),
    kinds: z.object({ report: phrases, plan: phrases }).strict(),
    /** Parts of a year: "6 tháng đầu năm", "quý III" … */
    periods: z.array(periodTerm),
    /** Words of periods written with dates (see extract/period.ts). */
    period_words: periodWords,
    /** Numbered paragraphs under these headings are list items unless they look like headings. */
    list_parents: phrases,
    /** Words right before a commune's name that make the mention strong ("Ủy ban nhân dân xã …", "trên địa bàn xã …"). */
    unit_cues: phrases,
    /** Words that may open a numbered heading ("Phần I.", "Mục 2."): one word each. */
    section_words: z.array(z.string().trim().regex(/^\p{L}+$/u, "một từ (one word: letters only)")).default([]),
    /** Headings of an appendix (a section without a number). */
    appendix: phrases,
    /** Lines that are never sections. */
    not_sections: phrases,
    /** Words opening the first paragraph of the body: the title ends before it. */
    body_start: phrases,
    /** The label of the document's number ("Số: …"), plain words: it is also read at the head of the place-date line. */
    number_label: z.array(plainWords).min(1),
    /** Words opening a line that is never the place-date line, besides period_words.day ("Căn cứ …", "Kèm theo …"). */
    not_place_date: z.array(plainWords).default([]),
    /** Lines between a signer's title and name that are not the name ("(Đã ký)", "Nơi nhận"). */
    signing_notes: phrases,
    /** Words opening a line that is never a person's name ("Ủy ban …", "Cộng hòa …"). */
    not_names: phrases,
    /** Short forms before a signer's title ("KT. CHỦ TỊCH": ký thay; "TM.", "Q.", "TL.", "TUQ.", "TTL."): one word each, without the dot. */
    signing_prefixes: z.array(oneWord).default([]),
    /** Signature titles: the line before the signer's name. */
    signer_titles: phrases,
    /** Words right before a period that make it a later period (phương hướng, nhiệm vụ …). */
    future: phrases,
    /** Words that show the document is about the movement. */
    topic: phrases,
    /** Opening words of the closing sentence ("Trên đây là báo cáo …"). */
    closing: phrases,
  })
  .strict();

const levelWords = z.record(z.string().regex(/^[a-z_]+$/, "level codes are lower-case letters and '_'"), z.array(phrase).min(1));

/** Level words of place names: former communes, districts and provinces (rules/places.yaml). */
export const PlacesFile = z
  .object({
    version: z.number().int(),
    /** Commune-level units: xa, phuong, dac_khu, and thi_tran (before 1 July 2025 only). */
    communes: levelWords,
    /** District-level units (huyện, quận, thị xã, thành phố), abolished on 1 July 2025. */
    districts: levelWords,
    /** Province-level units (tỉnh, thành phố). */
    provinces: levelWords,
    /** Other names reports give a province → its official name ("Sài Gòn": Hồ Chí Minh); rules check checks the name. */
    province_aliases: z.record(z.string().trim().min(2), z.string().trim().min(2)).default({}),
  })
  .strict();

export type IndicatorRule = z.infer<typeof IndicatorRule>;
export type TargetRule = z.infer<typeof TargetRule>;
export type LanguageRules = z.infer<typeof LanguageFile>;
export type DocumentRules = z.infer<typeof DocumentFile>;
export type PlacesRules = z.infer<typeof PlacesFile>;

export interface Rules {
  indicators: IndicatorRule[];
  targets: TargetRule[];
  language: LanguageRules;
  document: DocumentRules;
  places: PlacesRules;
  /** sha256 of the rule files' contents, recorded with every extraction. */
  version: string;
  dir: string;
}
