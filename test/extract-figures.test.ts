// Figures, qualifiers, roles, ratios, teams and unmet flags on sentences written for these
// tests in words other than the samples'.
import { describe, expect, it } from "vitest";
import { extractText, ofKind, report } from "./extract-helpers.js";

const one = (body: string, opts?: Parameters<typeof report>[1]) => extractText(report(body, opts));

describe("percentages", () => {
  it.each([
    ["Khoảng 72% người dân trong độ tuổi trưởng thành đã có kỹ năng số cơ bản.", 72, "about", "3.3"],
    ["Ước đạt 65% người trưởng thành có tri thức cơ bản về chuyển đổi số.", 65, "about", "3.3"],
    ["Có khoảng trên 40% hộ kinh doanh đã dùng mã QR khi bán hàng.", 40, "over", "hkd_thanh_toan_so"],
    ["Gần 30% người dân biết dùng công cụ AI để tra cứu thông tin.", 30, "under", "ai_nguoi_dan"],
    ["Tỉ lệ học sinh THCS được trang bị kiến thức an toàn trên môi trường số đạt 8,5%.", 8.5, "exact", "3.2"],
    ["Tỷ lệ CBCCVC có kỹ năng số, sử dụng thành thạo nền tảng số là ≥ 95%.", 95, "over", "3.1"],
    ["Có 91% NLĐ trong các DN, HTX có kiến thức về công nghệ số.", 91, "exact", "3.5"],
    ["Đã có 100% các trường học thu học phí không dùng tiền mặt.", 100, "exact", "truong_khong_tien_mat"],
    ["Có 88% người lao động làm việc tại các doanh nghiệp, hợp tác xã có kỹ năng số cơ bản.", 88, "exact", "3.5"],
    ["Khoảng 70% người trưởng thành biết sử dụng điện thoại thông minh để khai thác thông tin.", 70, "about", "3.3"],
  ])("%s", (sentence, value, qualifier, indicator) => {
    const x = one(sentence);
    const p = ofKind(x, "percent");
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ value, qualifier, indicator, role: "actual" });
    expect(x.indicators[indicator]?.value).toBe(value);
  });

  it("reads NFD text and old tone placement alike", () => {
    const x = one("Tỷ lệ người dân trong độ tuổi trưởng thành có kĩ năng số cơ bản đạt 77%.".normalize("NFD"));
    expect(ofKind(x, "percent")[0]).toMatchObject({ value: 77, indicator: "3.3" });
    const y = one("Tỉ lệ học sinh được trang bị kiến thức, kỹ năng số, an toàn trên môi trường số: 99%. Hoá đơn điện tử thuỷ lợi.");
    expect(y.indicators["3.2"]?.value).toBe(99);
  });

  it("keeps Đề án 06 figures out of 3.4 and adults in the labour-age base out of 3.3", () => {
    const x = one("Đến nay 88% công dân đã được cấp định danh điện tử mức độ 2. Có 70% người trong độ tuổi lao động có kỹ năng số.");
    expect(x.indicators["3.4"]).toBeUndefined();
    expect(x.indicators["3.3"]).toBeUndefined();
    expect(x.indicators["vneid_muc_2"]?.value).toBe(88);
  });

  it("maps 3.4 only for confirmation on VNeID", () => {
    const x = one("Số người dân được xác nhận đạt phổ cập kỹ năng số trên nền tảng VNeID: 1.520 người.");
    expect(ofKind(x, "count")[0]).toMatchObject({ value: 1520, unit: "người", indicator: "3.4" });
  });

  it("a share of the target is not a share of the population", () => {
    const x = one("Tỷ lệ người dân trưởng thành có kỹ năng số đạt 90% so với chỉ tiêu được giao.");
    expect(ofKind(x, "percent")[0]!.indicator).toBeNull();
  });

  it("marks goals: phấn đấu (and its misspelling), mục tiêu, plans and PHƯƠNG HƯỚNG sections", () => {
    const x = one(
      [
        "I. KẾT QUẢ",
        "",
        "- Có 60% người dân trưởng thành có kỹ năng số cơ bản.",
        "- Phần đầu đạt 80% người dân trưởng thành có kỹ năng số cơ bản vào cuối năm.",
        "",
        "II. PHƯƠNG HƯỚNG NĂM 2026",
        "",
        "- 100% học sinh được trang bị kiến thức, kỹ năng số.",
      ].join("\n"),
    );
    const roles = ofKind(x, "percent").map((p) => [p.value, p.role]);
    expect(roles).toEqual([
      [60, "actual"],
      [80, "target"],
      [100, "target"],
    ]);
    const plan = extractText(report("III. CHỈ TIÊU\n\na) 100% cán bộ, công chức, viên chức có kỹ năng số cơ bản.", { kind: "KẾ HOẠCH" }));
    expect(plan.document.kind).toBe("plan");
    expect(ofKind(plan, "percent")[0]).toMatchObject({ role: "target", indicator: "3.1" });
    expect(plan.indicators["3.1"]).toMatchObject({ value: 100, role: "target" });
  });
});

describe("ratios", () => {
  it("joins a ratio and its stated percentage into one fact, either side", () => {
    const x = one("Đã tích hợp giấy phép lái xe cho 3.200/8.000 tài khoản VNeID, đạt 40%. Tỷ lệ cán bộ có kỹ năng số: 100% (25/25).");
    const r = ofKind(x, "ratio");
    expect(r).toHaveLength(2);
    expect(r[0]).toMatchObject({ num: 3200, den: 8000, percent: 40, stated_percent: 40, unit: "tài khoản", indicator: "vneid_gplx" });
    expect(r[1]).toMatchObject({ num: 25, den: 25, stated_percent: 100, indicator: "3.1" });
    expect(ofKind(x, "percent")).toHaveLength(0);
    expect(x.indicators["vneid_gplx"]).toMatchObject({ value: 40, num: 3200, den: 8000 });
  });

  it("never reads dates, document numbers or 'tổ/thành viên' as ratios", () => {
    const x = one("Thực hiện Kế hoạch số 138/KH-UBND ngày 24/12/2025 và Hướng dẫn 05-HD/BCĐ, hưởng ứng ngày 10/10 hằng năm; thành lập 10 tổ/58 thành viên.");
    expect(ofKind(x, "ratio")).toHaveLength(0);
  });

  it("raises percent_mismatch and ratio_over_100", () => {
    const x = one("Đã tích hợp Sổ sức khỏe điện tử cho 300/1000 tài khoản, đạt 45%. Có 120/100 hộ kinh doanh dùng mã QR.");
    const kinds = x.issues.map((i) => i.kind);
    expect(kinds).toContain("percent_mismatch");
    expect(kinds).toContain("ratio_over_100");
  });
});

describe("teams", () => {
  it.each([
    ["Xã đã thành lập 12 Tổ công nghệ số cộng đồng tại 12 thôn với 48 thành viên.", 12, 48],
    ["Toàn xã có 01 Tổ CNSCĐ cấp xã và 9 tổ công nghệ số cộng đồng ở các thôn, bản; tổng số thành viên là 45 người.", 9, 45],
    ["Kiện toàn Tổ chuyển đổi số cộng đồng tại các xóm, gồm 7 tổ với 35 thành viên.", 7, 35],
  ])("%s", (sentence, teams, members) => {
    expect(one(sentence).teams).toEqual({ teams, members });
  });

  it("takes a later sentence's member total and ignores other bodies and event attendance", () => {
    const x = one(
      "Xã có 6 Tổ công nghệ số cộng đồng tại các thôn. Hiện có trên 30 thành viên Tổ công nghệ số cộng đồng, cùng 15 thành viên Tổ ứng cứu. Hội nghị tập huấn có 90 thành viên Tổ công nghệ số cộng đồng tham dự.",
    );
    expect(x.teams).toEqual({ teams: 6, members: 30 });
    expect(ofKind(x, "team").find((t) => t.members === 90)?.roster).toBe(false);
  });
});

describe("unmet targets", () => {
  it("flags explicit statements with the figure's indicator", () => {
    const x = one("- 25% cán bộ được tập huấn sử dụng trợ lý ảo (chưa đạt chỉ tiêu).\n\n- Xây dựng ít nhất 01 mô hình điểm “Bình dân học AI”: không đạt kế hoạch.");
    expect(ofKind(x, "unmet").map((u) => u.indicator)).toEqual(["ai_can_bo", "mo_hinh_ai"]);
  });

  it("computes unmet from the province's target for a full-year report, not for a mid-year one", () => {
    const body = "Tỷ lệ người dân trong độ tuổi trưởng thành có kỹ năng số cơ bản đạt 70%.";
    const year = extractText(report(body, { title: "Kết quả năm 2026", province: "Gia Lai" }));
    expect(year.indicators["3.3"]).toMatchObject({ value: 70, target: 100, unmet: true });
    expect(ofKind(year, "unmet")[0]).toMatchObject({ basis: "computed", indicator: "3.3" });
    const half = extractText(report(body, { title: "Kết quả 6 tháng đầu năm 2026", province: "Gia Lai" }));
    expect(ofKind(half, "unmet")).toHaveLength(0);
  });

  it("does not take 'chưa đạt hiệu quả' for a missed target", () => {
    expect(ofKind(one("Một số nội dung chưa đạt hiệu quả như mong muốn."), "unmet")).toHaveLength(0);
  });
});

describe("tables", () => {
  it("reads target, result and evaluation columns", () => {
    const table = [
      "TT\tChỉ tiêu\tKế hoạch\tKết quả thực hiện\tĐánh giá",
      "1\tTỷ lệ cán bộ, công chức có kỹ năng số\t100%\t92%\tChưa đạt",
      "2\tTỷ lệ thôn, tổ dân phố thành lập Tổ công nghệ số cộng đồng\t100%\t14/14\tĐạt",
      "3\tSố lớp phổ cập kỹ năng số cho người khuyết tật\t2\t3\tĐạt",
    ].join("\n");
    const x = one(table);
    expect(x.indicators["3.1"]).toMatchObject({ value: 92, role: "actual", target: 100, unmet: true });
    expect(x.indicators["2.11"]).toMatchObject({ value: 100, num: 14, den: 14 });
    expect(x.indicators["2.13"]).toMatchObject({ value: 3 });
    expect(ofKind(x, "unmet").map((u) => u.indicator)).toEqual(["3.1"]);
    expect(x.teams.teams).toBe(14);
  });

  it("reads appendix answers: yes/no and not applicable", () => {
    const table = [
      "TT\tChỉ số thực hiện\tKết quả\tMinh chứng",
      "1.1\tViệc ban hành Kế hoạch, các văn bản triển khai Phong trào.\tCó\tKế hoạch số 10/KH-UBND",
      "1.3\tCông tác kiểm tra, giám sát thực hiện Phong trào.\tKhông\t",
      "2.5\tSố Chương trình bồi dưỡng nghiệp vụ quản lý nhà nước được tích hợp nội dung về chuyển đổi số.\tSố Chương trình\tKhông thuộc thẩm quyền địa phương",
    ].join("\n");
    const x = one(table);
    expect(x.indicators["1.1"]?.value).toBe(true);
    expect(x.indicators["1.3"]?.value).toBe(false);
    expect(x.indicators["2.5"]).toMatchObject({ value: null, status: "not_applicable" });
  });
});

describe("repeated paragraphs", () => {
  it("reads a paragraph repeated word for word once and reports it", () => {
    const p = "- Qua đó đạt kết quả 100% cán bộ, công chức, viên chức của UBND xã đã tham gia khóa học trên nền tảng Bình dân học vụ số.";
    const x = one(`${p}\n\n${p}`);
    expect(ofKind(x, "percent")).toHaveLength(1);
    expect(x.issues.filter((i) => i.kind === "duplicate_paragraph")).toHaveLength(1);
  });
});
