// General patterns of real-world wording (the remaining misses of the real passages), each with
// sentences written for this test, never copied from the passages.
import { describe, expect, it } from "vitest";
import type { Fact } from "../src/extract/types.js";
import { extractText, ofKind, report } from "./extract-helpers.js";
import { PhraseSet } from "../src/extract/phrases.js";
import { expandPhrase, PhraseError } from "../src/rules/phrase.js";
import { tokenize } from "../src/extract/vnkey.js";

const facts = (text: string): Fact[] => extractText(text + "\n").facts;
const pct = (fs: Fact[]) => fs.flatMap((f) => (f.kind === "percent" ? [[f.value, f.role] as const] : []));
const counts = (fs: Fact[]) => fs.flatMap((f) => (f.kind === "count" ? [f.value] : []));
const ratios = (fs: Fact[]) => fs.flatMap((f) => (f.kind === "ratio" ? [[f.num, f.den] as const] : []));
const teams = (fs: Fact[]) => fs.flatMap((f) => (f.kind === "team" ? [[f.teams, f.members] as const] : []));

describe("cue words keep their tone marks", () => {
  it("'chia sẻ' (share) is not the goal word 'sẽ' (will)", () => {
    expect(pct(facts("Ông Trần Văn Bình chia sẻ: năm qua hơn 80% đơn hàng của hợp tác xã được bán qua mạng xã hội."))).toEqual([[80, "actual"]]);
    expect(pct(facts("Cán bộ thôn chia sẻ kinh nghiệm, nhờ vậy 65% hộ dân đã cài ứng dụng VNeID."))).toEqual([[65, "actual"]]);
    // the next sentence does not inherit a goal from a 'chia sẻ' before it
    expect(pct(facts("Bà Lê Thị Hoa chia sẻ về cửa hàng của mình. Khoảng 70% khách hàng trả tiền bằng mã QR."))).toEqual([[70, "actual"]]);
  });
  it("'tối đa', 'đa dạng' and 'đà' are not the result word 'đã'", () => {
    expect(pct(facts("Phấn đấu đến năm 2027, đa dạng hóa kênh thanh toán để 75% giao dịch tại chợ không dùng tiền mặt."))).toEqual([[75, "target"]]);
    expect(pct(facts("Kế hoạch sẽ tận dụng tối đa hạ tầng sẵn có, bảo đảm 90% thôn có sóng 4G."))).toEqual([[90, "target"]]);
  });
  it("the real words still decide", () => {
    expect(pct(facts("Đến cuối năm, xã sẽ có 95% hộ dân dùng cáp quang."))).toEqual([[95, "target"]]);
    expect(pct(facts("Theo kế hoạch, xã đã có 60% hộ dân dùng cáp quang."))).toEqual([[60, "actual"]]);
  });
});

describe("teams: what the numbers count", () => {
  it("provinces or districts that set up teams are a ratio, not one team each", () => {
    const a = facts("Đến nay 34/34 tỉnh, thành phố đã thành lập Tổ công nghệ số cộng đồng ở cấp xã.");
    expect(ratios(a)).toEqual([[34, 34]]);
    expect(teams(a)).toEqual([]);
    const b = facts("Cả 9/9 huyện đã kiện toàn tổ công nghệ số cộng đồng.");
    expect(ratios(b)).toEqual([[9, 9]]);
    expect(teams(b)).toEqual([]);
  });
  it("communes and villages that set up teams still count one team each", () => {
    expect(teams(facts("Đã có 27/27 xã thành lập tổ công nghệ số cộng đồng."))).toEqual([[27, null]]);
    expect(teams(facts("Toàn xã có 12/12 thôn đã ra mắt tổ công nghệ số cộng đồng."))).toEqual([[12, null]]);
  });
  it("a member word before a semicolon does not label the number after it", () => {
    const fs = facts("Toàn tỉnh có 2.100 tổ công nghệ số cộng đồng với 9.800 thành viên; thành lập 75 tổ hỗ trợ kỹ thuật với 300 thành viên.");
    expect(teams(fs)).toEqual([[2100, 9800]]);
    expect(counts(fs)).toEqual([75, 300]);
    const g = facts("Huyện có 120 tổ công nghệ số cộng đồng gồm 640 thành viên; kiện toàn 18 tổ giúp việc ở cấp xã.");
    expect(teams(g)).toEqual([[120, 640]]);
    expect(counts(g)).toEqual([18]);
  });
});

describe("teams: sizes, orders and people helped", () => {
  it("'mỗi tổ có N thành viên' is a size per team, not the total of the teams before it", () => {
    const fs = facts("Phường đã ra mắt 9 Tổ công nghệ số cộng đồng ở các khu phố; mỗi tổ có 6 thành viên.");
    expect(teams(fs)).toEqual([[9, null], [null, 6]]);
    // in the next sentence of the same paragraph, without the team's name
    expect(teams(facts("Xã kiện toàn 20 tổ công nghệ số cộng đồng cấp thôn với 130 thành viên. Mỗi tổ cấp thôn có tối đa 8 thành viên."))).toEqual([
      [20, 130],
      [null, 8],
    ]);
    // a size per team is no roster total of the document
    expect(extractText("Xã đã thành lập 15 Tổ công nghệ số cộng đồng; mỗi tổ có 4 thành viên.\n").teams).toEqual({ teams: 15, members: null });
  });
  it("the commune's own team takes the members stated with it", () => {
    expect(teams(facts("Thị xã có 11 Tổ công nghệ số cộng đồng cấp xã, phường với 97 thành viên và 150 tổ cấp thôn với 820 thành viên."))).toEqual([
      [11, 97],
      [150, 820],
    ]);
  });
  it("members stated before their teams", () => {
    expect(teams(facts("Gần 400 thành viên của 57 Tổ công nghệ số cộng đồng đã đến từng hộ hướng dẫn cài đặt ứng dụng."))).toEqual([[57, 400]]);
  });
  it("people the team helped are not its members", () => {
    const fs = facts("Tổ công nghệ số cộng đồng khu phố 3 gồm 6 thành viên, trong 2 tháng đã hướng dẫn 180 người dùng ví điện tử.");
    expect(teams(fs)).toEqual([[null, 6]]);
    expect(counts(fs)).toContain(180);
  });
  it("teams another body's count stands beside keep their members", () => {
    const fs = facts("Huyện thành lập 14 tổ hỗ trợ kỹ thuật và 96 Tổ công nghệ số cộng đồng ở các thôn với 480 thành viên.");
    expect(teams(fs)).toEqual([[96, 480]]);
  });
  it("teams set up in N/N villages: one team per village, with the members after them", () => {
    const fs = facts("Xã đã thành lập Tổ công nghệ số cộng đồng tại 21/21 thôn (đạt 100%) với tổng số 105 thành viên.");
    expect(teams(fs)).toEqual([[21, 105]]);
    expect(ratios(fs)).toEqual([[21, 21]]);
    // counted once when the teams are also counted before their name
    expect(teams(facts("Xã có 8 Tổ công nghệ số cộng đồng tại 8/8 ấp, gồm 40 thành viên."))).toEqual([[8, 40]]);
  });
});

describe("rates per N are not ratios", () => {
  it("a decimal before the slash is a rate per thousand or per hundred", () => {
    expect(ratios(facts("Phấn đấu đến năm 2026 có trên 1,2/1.000 dân là doanh nghiệp công nghệ số."))).toEqual([]);
    expect(ratios(facts("Mật độ điểm truy cập wifi công cộng đạt 2,5/100 hộ dân."))).toEqual([]);
  });
  it("a part of a whole in whole numbers stays a ratio", () => {
    expect(ratios(facts("Đã có 35/40 xã hoàn thành chỉ tiêu về hạ tầng số."))).toEqual([[35, 40]]);
    expect(ratios(facts("Tiếp nhận 1.250/1.400 hồ sơ trực tuyến, đạt 89,3%."))).toEqual([[1250, 1400]]);
  });
});

describe("places that repeat the count before them", () => {
  it("'N tổ … tại N thôn' is one team per village, not a count of villages", () => {
    const fs = facts("Huyện đã ra mắt 58 tổ công nghệ số cộng đồng tại 58 thôn, tổ dân phố.");
    expect(teams(fs)).toEqual([[58, null]]);
    expect(counts(fs)).toEqual([]);
  });
  it("squads and devices placed one per unit", () => {
    expect(counts(facts("Tỉnh đoàn duy trì 42 đội hình tình nguyện thuộc 42 xã, phường."))).toEqual([42]);
    expect(counts(facts("Sở đã bàn giao 15 máy tính cho 15 xã vùng sâu."))).toEqual([15]);
    expect(counts(facts("Bưu điện lắp 9 điểm phục vụ ở 9 thôn."))).toEqual([9]);
  });
  it("a different number of places is a count of its own", () => {
    expect(counts(facts("Huyện đã lắp 30 camera tại 12 thôn."))).toEqual([30, 12]);
  });
});

describe("verbs that end with a level word", () => {
  it("'cung cấp', 'được cấp', 'cấp phát' count what follows", () => {
    expect(counts(facts("Ủy ban nhân dân xã đã cung cấp 96 dịch vụ công trực tuyến toàn trình."))).toEqual([96]);
    expect(counts(facts("Năm nay có 1.350 người dân được cấp chữ ký số, Bưu điện đã cấp phát 420 tài khoản."))).toEqual([1350, 420]);
  });
  it("a level after 'cấp' is still no count", () => {
    expect(counts(facts("Trường đạt chuẩn cấp 2 về chuyển đổi số."))).toEqual([]);
  });
});

describe("background: merging places and asides", () => {
  it("'<số>' in a phrase stands for one number in digits", () => {
    const set = new PhraseSet(["sáp nhập <số> (xã|phường)"]);
    expect(set.has(tokenize("xã mới được sáp nhập 4 xã cũ"))).toBe(true);
    expect(set.has(tokenize("sáp nhập các xã"))).toBe(false);
    expect(() => expandPhrase("<số> xã")).toThrow(PhraseError);
    expect(() => expandPhrase("sáp nhập <so>")).toThrow(PhraseError);
  });
  it("places merged from others are background, a system made one ('hợp nhất trên') is not", () => {
    expect(counts(facts("Phường Tân Hòa được thành lập trên cơ sở hợp nhất 3 phường với 14 khu phố."))).toEqual([]);
    expect(pct(facts("Phấn đấu 100% dữ liệu dân cư được đồng bộ, hợp nhất trên các hệ thống của tỉnh."))).toEqual([[100, "target"]]);
    expect(pct(facts("Đến nay 85% hồ sơ được số hóa và hợp nhất vào kho dữ liệu chung."))).toEqual([[85, "actual"]]);
  });
  it("a ranking in a parenthesis holds only inside it", () => {
    const fs = facts("Toàn tỉnh đã có 12.400 tài khoản bán hàng trên sàn thương mại điện tử (xếp thứ 5 cả nước); 71% hộ kinh doanh dùng mã QR (đứng thứ hai khu vực).");
    expect(counts(fs)).toEqual([12400]);
    expect(pct(fs)).toEqual([[71, "actual"]]);
  });
  it("a ranking outside a parenthesis still makes the clause background", () => {
    expect(facts("Chỉ số chuyển đổi số của huyện đứng thứ 4/11 huyện, thị xã.").filter((f) => f.kind !== "unmet")).toEqual([]);
  });
});

describe("figures said again", () => {
  it("a count followed by 'nói trên', 'kể trên' refers back to one already counted", () => {
    const fs = facts("Huyện có 6 trạm phát sóng, trong đó 2 trạm 5G và 4 trạm 4G. Riêng 4 trạm 4G nói trên đang được nâng cấp.");
    expect(counts(fs)).toEqual([6, 2, 4]);
    expect(counts(facts("Các 3 mô hình kể trên được nhân rộng ra toàn xã."))).toEqual([]);
  });
  it("a place 'nói trên' does not hide the count before it", () => {
    expect(counts(facts("Đã có 15 tổ hỗ trợ được lập tại các xã nói trên."))).toEqual([15]);
  });
});

describe("a part and its whole written in words", () => {
  it("'a trong tổng số b', 'a trên tổng số b' and 'a X trong số b X' are ratios", () => {
    expect(ratios(facts("Đến nay 118 trong tổng số 124 xã đã kết nối mạng truyền số liệu chuyên dùng."))).toEqual([[118, 124]]);
    expect(ratios(facts("Xã đã số hóa 2.340 trên tổng số 2.600 hồ sơ hộ tịch."))).toEqual([[2340, 2600]]);
    expect(ratios(facts("Có 45 hộ trong số 60 hộ kinh doanh dùng mã QR."))).toEqual([[45, 60]]);
  });
  it("no ratio without a whole number after the words", () => {
    const fs = facts("Có 12 người trong số đó đã được cấp chữ ký số.");
    expect(ratios(fs)).toEqual([]);
    expect(counts(fs)).toEqual([12]);
  });
  it("'Số này chiếm x%' opening the next sentence is the ratio's own percentage", () => {
    const fs = facts("Toàn tỉnh có 96 trong tổng số 120 xã hoàn thành chỉ tiêu. Số này chiếm 80% tổng số xã.");
    expect(ratios(fs)).toEqual([[96, 120]]);
    expect(fs.find((f) => f.kind === "ratio")).toMatchObject({ stated_percent: 80 });
    expect(pct(fs)).toEqual([]);
  });
  it("a percentage of something else after 'Số này' stays a percentage", () => {
    const fs = facts("Đã có 30/40 thôn lắp camera. Số này giúp giảm 25% vụ việc mất trật tự.");
    expect(ratios(fs)).toEqual([[30, 40]]);
    expect(pct(fs)).toEqual([[25, "actual"]]);
  });
});

describe("a percentage glued to the word before it", () => {
  it("'đến nay100%' lost its space and is still a figure", () => {
    expect(pct(facts("Đến nay100% trường học đã có mạng cáp quang."))).toEqual([[100, "actual"]]);
    expect(pct(facts("Tỷ lệ hồ sơ trực tuyến đạt75,5% trong quý."))).toEqual([[75.5, "actual"]]);
  });
  it("codes with capitals or digits before a number are not", () => {
    expect(pct(facts("Mẫu BC100% được ban hành kèm theo."))).toEqual([]);
  });
});

describe("goal phrases and results beside them", () => {
  it("'đạt tối thiểu x% … và y% …' in a sentence that reports a shortfall: both are goals", () => {
    expect(pct(facts("Tỷ lệ hồ sơ trực tuyến phải đạt tối thiểu 60% ở cấp tỉnh và 45% ở cấp xã, nhưng cấp xã chưa đạt chỉ tiêu."))).toEqual([
      [60, "target"],
      [45, "target"],
    ]);
  });
  it("a result word after a parenthesis or a colon is not part of the goal phrase before it", () => {
    const fs = facts("Tỷ lệ thanh toán trực tuyến so với kế hoạch đạt (kết quả: 410/500 giao dịch, chiếm 82%).");
    expect(fs.find((f) => f.kind === "ratio")).toMatchObject({ num: 410, den: 500, role: "actual" });
    expect(pct(facts("Dự kiến đạt: kết quả quý I là 64% người dân có tài khoản."))).toEqual([[64, "actual"]]);
  });
  it("'phấn đấu đạt tỷ lệ' stays one goal phrase", () => {
    expect(pct(facts("Huyện phấn đấu đạt tỷ lệ 90% hộ gia đình có cáp quang."))).toEqual([[90, "target"]]);
  });
});

describe("a goal whose deadline is still ahead", () => {
  it("a result below a goal 'đến hết năm nay' or 'trong thời gian tới' is no shortfall yet", () => {
    for (const goal of ["Theo lộ trình, đến hết năm nay 100% hộ kinh doanh tại chợ thanh toán không dùng tiền mặt.", "Trong thời gian tới, phấn đấu 100% hộ kinh doanh tại chợ thanh toán không dùng tiền mặt."]) {
      const x = extractText(report(`Hiện nay 64% hộ kinh doanh tại chợ thanh toán không dùng tiền mặt. ${goal}`, { title: "Kết quả năm 2025" }));
      expect(pct(x.facts)).toEqual([
        [64, "actual"],
        [100, "target"],
      ]);
      expect(ofKind(x, "unmet")).toEqual([]);
    }
  });
  it("the report's own goal still judges the result", () => {
    const x = extractText(report("Chỉ tiêu năm 2025 là 100% hộ kinh doanh tại chợ thanh toán không dùng tiền mặt. Kết quả đạt 64% hộ kinh doanh tại chợ thanh toán không dùng tiền mặt.", { title: "Kết quả năm 2025" }));
    expect(pct(x.facts)).toEqual([
      [100, "target"],
      [64, "actual"],
    ]);
    expect(ofKind(x, "unmet")).toHaveLength(1);
  });
  it("'Chỉ tiêu năm N' names a goal", () => {
    expect(pct(facts("Chỉ tiêu năm 2026: 85% người dân có tài khoản định danh điện tử."))).toEqual([[85, "target"]]);
  });
});

describe("one for each", () => {
  it("'1' after a plural place or unit noun is a share for each, not a count", () => {
    expect(counts(facts("Các thôn đều đã thành lập 1 tổ hỗ trợ kỹ thuật."))).toEqual([]);
    expect(counts(facts("Huyện trang bị 3 bộ máy tính cho xã trọng điểm, những nơi còn lại 1 bộ."))).toEqual([3]);
    expect(counts(facts("Từng trường học được trang bị 01 phòng máy tính."))).toEqual([]);
  });
  it("'1' without a plural before it, and larger numbers after one, are counts", () => {
    expect(counts(facts("Xã có 1 điểm bưu điện văn hóa phục vụ người dân."))).toEqual([1]);
    expect(counts(facts("Các thôn đã lắp 24 camera an ninh."))).toEqual([24]);
  });
});

describe("fractions written in words", () => {
  it("'một nửa số …', '1 nửa trong số …', 'hai phần ba các …' are ratios", () => {
    expect(ratios(facts("Đến nay một nửa số hộ kinh doanh trong chợ đã dùng mã QR."))).toEqual([[1, 2]]);
    expect(ratios(facts("Có 80 tiểu thương mở tài khoản, 1 nửa trong số đó đã có giao dịch trực tuyến."))).toEqual([[1, 2]]);
    expect(ratios(facts("Hai phần ba các xã đã có điểm wifi công cộng."))).toEqual([[2, 3]]);
    const over = facts("Hơn một nửa số thôn đã có loa thông minh.").find((f) => f.kind === "ratio");
    expect(over).toMatchObject({ num: 1, den: 2, qualifier: "over" });
  });
  it("a half of a period or without what it divides is no figure", () => {
    expect(facts("Trong nửa đầu năm, xã tổ chức tập huấn kỹ năng số.").filter((f) => f.kind === "ratio")).toEqual([]);
    expect(facts("Một phần ba thời gian còn lại dành cho thực hành.").filter((f) => f.kind === "ratio")).toEqual([]);
    expect(counts(facts("Xã có 1 nửa là đất nông nghiệp và 12 thôn đã có cáp quang."))).toEqual([12]);
  });
});

describe("how a place is made up", () => {
  it("'X có N xã, thị trấn.' and 'X gồm N thôn và M tổ dân phố.' are background", () => {
    expect(counts(facts("Huyện Tân Lạc có 16 xã, thị trấn."))).toEqual([]);
    expect(counts(facts("Phường Hòa Bình gồm 9 khu phố và 2 tổ dân phố."))).toEqual([]);
    expect(counts(facts("Sau sắp xếp, tỉnh hiện có 124 đơn vị hành chính cấp xã."))).toEqual([]);
  });
  it("units that did something are counts", () => {
    expect(counts(facts("Toàn huyện có 16 xã, thị trấn đã hoàn thành chuyển đổi số."))).toEqual([16]);
    expect(counts(facts("Xã có 7 thôn lắp đặt camera an ninh."))).toEqual([7]);
    expect(counts(facts("Huyện đã hoàn thành chuyển đổi số ở 16 xã, thị trấn."))).toEqual([16]);
  });
});

describe("headings numbered with a slash", () => {
  it("'1/', 'II/' open sections, and an appendix titled 'BIỂU TỔNG HỢP'", () => {
    const doc = extractText(report("I/ KẾT QUẢ THỰC HIỆN\n1/ Công tác tuyên truyền\nXã đã phát 2.000 tờ rơi.\n2/ Phổ cập kỹ năng số\nĐã mở 6 lớp.\n\nBIỂU TỔNG HỢP SỐ LIỆU QUÝ III\nTT\tNội dung\tKết quả\n1\tSố lớp\t6"));
    expect(doc.sections.map((s) => [s.number, s.title])).toEqual([
      ["I", "KẾT QUẢ THỰC HIỆN"],
      ["1", "Công tác tuyên truyền"],
      ["2", "Phổ cập kỹ năng số"],
      [null, "BIỂU TỔNG HỢP SỐ LIỆU QUÝ III"],
    ]);
  });
});

describe("goals and results: more ways of saying them", () => {
  it("a deadline cue ends at its first verb, so the figure after it is the goal", () => {
    expect(pct(facts("Kế hoạch đề ra đến hết năm 2027 đạt 85% hộ gia đình có người biết dùng ví điện tử."))).toEqual([[85, "target"]]);
  });
  it("a list under 'Chỉ tiêu cụ thể' holds goals; 'Thực hiện các chỉ tiêu' reports results", () => {
    expect(pct(facts("3.2. Chỉ tiêu cụ thể\n+ 95% hộ gia đình có cáp quang;\n+ Tỷ lệ người dân dùng chữ ký số đạt trên 40%."))).toEqual([
      [95, "target"],
      [40, "target"],
    ]);
    expect(pct(facts("2. Thực hiện các chỉ tiêu cụ thể\n- Tỷ lệ hộ gia đình có cáp quang đạt 91%."))).toEqual([[91, "actual"]]);
  });
  it("a resolution's goals, a requirement and the plan a result fell short of are goals", () => {
    expect(pct(facts("Chỉ tiêu nghị quyết xác định: thương mại điện tử chiếm tối thiểu 15% tổng mức bán lẻ; 90% hồ sơ được xử lý trực tuyến."))).toEqual([
      [15, "target"],
      [90, "target"],
    ]);
    expect(pct(facts("Tỷ lệ tái sử dụng dữ liệu đạt 58%, trong khi yêu cầu tối thiểu là 70%."))).toEqual([
      [58, "actual"],
      [70, "target"],
    ]);
    expect(pct(facts("- Tỷ lệ nộp phí trực tuyến: 41,5% (chưa đạt kế hoạch 60%)"))).toEqual([
      [41.5, "actual"],
      [60, "target"],
    ]);
  });
  it("an estimate is a result even after a deadline cue", () => {
    expect(pct(facts("Đến hết năm 2025, kinh tế số ước đạt khoảng 17,5% GRDP, chưa đạt mục tiêu 20%."))).toEqual([
      [17.5, "actual"],
      [20, "target"],
    ]);
  });
  it("percentage points are a percentage", () => {
    expect(pct(facts("Tỷ lệ thanh toán không dùng tiền mặt đạt 64%, tăng 9 điểm phần trăm so với năm trước."))).toEqual([
      [64, "actual"],
      [9, "actual"],
    ]);
  });
  it("a range of members per team is no figure", () => {
    expect(teams(facts("Xã có 12 Tổ công nghệ số cộng đồng với 70 thành viên; mỗi tổ từ 5 đến 7 thành viên."))).toEqual([[12, 70]]);
  });
});

describe("parts of a whole and counted things", () => {
  it("a part's noun qualified before 'trong tổng số', its whole with the same noun", () => {
    const fs = facts("Phường tiếp nhận 2.310 hồ sơ trực tuyến một phần trong tổng số 2.900 hồ sơ (đạt 79,7%).");
    expect(fs.filter((f) => f.kind === "ratio").map((f) => (f.kind === "ratio" ? [f.num, f.den, f.stated_percent] : []))).toEqual([[2310, 2900, 79.7]]);
  });
  it("the ratio's own percentage after a level number in between", () => {
    const fs = facts("Xã đã kích hoạt 8.120/10.400 tài khoản định danh mức độ 2 cho người dân (đạt 78,1%).");
    expect(pct(fs)).toEqual([]);
    expect(ratios(fs)).toEqual([[8120, 10400]]);
  });
  it("records updated out of residents are a ratio; residents a commune has are background", () => {
    expect(ratios(facts("Công an xã đã cập nhật 9.870/10.020 nhân khẩu vào cơ sở dữ liệu dân cư."))).toEqual([[9870, 10020]]);
    expect(counts(facts("Xã có 2.900 hộ với 11.400 nhân khẩu, dân số 11.400 người."))).toEqual([]);
  });
  it("cards, licences and fishermen are counted things", () => {
    expect(counts(facts("Tổ đã hỗ trợ tích hợp 1.240 thẻ bảo hiểm y tế và 380 giấy phép lái xe, hướng dẫn 95 ngư dân."))).toEqual([1240, 380, 95]);
  });
});

describe("requirements, shortfalls, norms and standings", () => {
  it("'yêu cầu 100% …' is a goal; 'còn thiếu 5%' after a target is a result (the gap)", () => {
    expect(pct(facts("Năm 2026, phường yêu cầu 100% cửa hàng trong chợ niêm yết mã QR."))).toEqual([[100, "target"]]);
    expect(pct(facts("Tỷ lệ đạt 72%; so với chỉ tiêu 80% huyện giao còn thiếu 8%."))).toEqual([
      [72, "actual"],
      [80, "target"],
      [8, "actual"],
    ]);
  });
  it("'… mỗi thôn thành lập 01 Tổ' inside a clause is a norm, not a team", () => {
    expect(teams(facts("Kế hoạch hướng dẫn mỗi ấp, khu phố thành lập 01 Tổ công nghệ số cộng đồng."))).toEqual([]);
  });
  it("'top 10' is a standing, not a count", () => {
    expect(counts(facts("Tỉnh được xếp vào top 5 địa phương dẫn đầu về dịch vụ công trực tuyến."))).toEqual([]);
  });
});

describe("dates, background and delays (held-out wording)", () => {
  it("a day/month after a day word, or with more days than months, is a date and takes no percentage", () => {
    expect(ratios(facts("Chiều 12/11, Sở tổ chức hội nghị sơ kết phong trào."))).toEqual([]);
    expect(ratios(facts("Ngày 20/10 Ban Chỉ đạo họp với các thôn."))).toEqual([]);
    const fs = facts("Kết quả số hóa tính đến ngày 25/11 là 71,2%.");
    expect(ratios(fs)).toEqual([]);
    expect(pct(fs)).toEqual([[71.2, "actual"]]);
    // a day/month-looking part of a whole with its noun stays a ratio
    expect(ratios(facts("Đã có 9/12 thôn lắp đặt wifi công cộng."))).toEqual([[9, 12]]);
  });
  it("members stated first, before a comma", () => {
    expect(teams(facts("Với tổng số 96 thành viên, 16 Tổ công nghệ số cộng đồng đã đến từng hộ."))).toEqual([[16, 96]]);
  });
  it("the poor helped are no background; the poverty rate and ethnic shares are", () => {
    expect(counts(facts("Xã đã trao 320 máy điện thoại thông minh cho hộ nghèo, hộ cận nghèo."))).toEqual([320]);
    expect(pct(facts("Tỷ lệ hộ nghèo của xã là 4,1%."))).toEqual([]);
    expect(pct(facts("Đồng bào dân tộc Khmer chiếm 37% dân số của xã."))).toEqual([]);
  });
  it("behind schedule is a target not met; a plan's year before its figure makes a goal", () => {
    expect(facts("Việc số hóa hồ sơ mới được 820/1.500 hồ sơ, chậm so với tiến độ kế hoạch năm.").some((f) => f.kind === "unmet")).toBe(true);
    expect(pct(facts("Tỷ lệ thanh toán trực tuyến: 52,3% | Kế hoạch năm 2026: 70%"))).toEqual([
      [52.3, "actual"],
      [70, "target"],
    ]);
  });
});

describe("whole reports written for tonghop (held-out layouts)", () => {
  it("'PHẦN I.' in capitals opens a section; a heading's number is no team count", () => {
    const doc = extractText(report("PHẦN I. KẾT QUẢ THỰC HIỆN\n\n1. Tổ công nghệ số cộng đồng\n\nXã duy trì 9 Tổ công nghệ số cộng đồng với 54 thành viên.\n\nPHẦN II. NHIỆM VỤ NĂM 2027\n\nTiếp tục duy trì các tổ."));
    expect(doc.sections.map((s) => s.number)).toEqual(["I", "1", "II"]);
    expect(teams(doc.facts)).toEqual([[9, 54]]);
  });
  it("people the teams went out to help are not their members", () => {
    const fs = facts("Các Tổ công nghệ số cộng đồng (12 tổ, 70 thành viên) đã đến tận nhà hướng dẫn 860 người dân cài đặt VNeID.");
    expect(teams(fs)).toEqual([[12, 70]]);
    expect(counts(fs)).toContain(860);
  });
  it("'9 tháng năm 2026' is January to September", () => {
    expect(extractText(report("Nội dung.", { title: "Kết quả thực hiện Phong trào (9 tháng năm 2026)" })).document.period).toEqual({ start: "2026-01-01", end: "2026-09-30" });
  });
  it("a six-month result below the year's plan in the report's own table is no shortfall yet", () => {
    const table = "STT\tChỉ tiêu\tKế hoạch năm 2026\tThực hiện 6 tháng\n1\tTỷ lệ người dân trưởng thành có tri thức cơ bản về chuyển đổi số, kỹ năng số\t90%\t61%";
    const six = extractText(report(table, { title: "Kết quả thực hiện Phong trào 6 tháng đầu năm 2026" }));
    expect(six.facts.filter((f) => f.kind === "unmet")).toEqual([]);
    const year = extractText(report(table.replace("Thực hiện 6 tháng", "Thực hiện năm 2026"), { title: "Kết quả thực hiện Phong trào năm 2026" }));
    expect(year.facts.filter((f) => f.kind === "unmet").length).toBe(1);
  });
});

describe("ranks and areas beside figures (held-out news wording)", () => {
  it("a rank is no figure, and the clause's other figures are still read", () => {
    const fs = facts("Tỉnh đứng thứ hai khu vực về số người học, song tỷ lệ người dân có kỹ năng số cơ bản mới đạt 43,5%, thấp hơn nhiều so với mục tiêu 60%.");
    expect(pct(fs)).toEqual([
      [43.5, "actual"],
      [60, "target"],
    ]);
    const r = facts("Tỉnh xếp thứ 12/34 về chỉ số chuyển đổi số, trong đó trụ cột xã hội số tăng 9,1%.");
    expect(ratios(r)).toEqual([]);
    expect(pct(r)).toEqual([[9.1, "actual"]]);
    expect(counts(facts("Huyện được xếp vào top 10 địa phương dẫn đầu."))).toEqual([]);
  });
  it("coverage of populated area is a figure; the area of a place is background", () => {
    expect(pct(facts("Nhà mạng đã phát sóng thêm 30 trạm 5G, nâng tỷ lệ phủ sóng lên 98,6% diện tích dân cư."))).toEqual([[98.6, "actual"]]);
    expect(counts(facts("Xã có diện tích tự nhiên 120 km2 với 14 thôn."))).toEqual([]);
  });
  it("a requirement to finish is a goal; 'Chỉ tiêu 2026: 80%' is a goal", () => {
    expect(pct(facts("Chủ tịch tỉnh yêu cầu hoàn thành kết nối 100% trước ngày 31/3/2026."))).toEqual([[100, "target"]]);
    expect(pct(facts("Chỉ tiêu 2026: 85% hộ gia đình có người biết dùng dịch vụ công trực tuyến."))).toEqual([[85, "target"]]);
  });
});

describe("held-out Word reports: teams, estimates and households", () => {
  it("villages named with the team word are no other body; members in the next sentence belong to the teams", () => {
    expect(teams(facts("Phường duy trì 10 Tổ công nghệ số cộng đồng tại 10 tổ dân phố với 62 thành viên."))).toEqual([[10, 62]]);
    expect(teams(facts("Xã kiện toàn 18 Tổ công nghệ số cộng đồng tại các thôn. Tổng số thành viên các Tổ là 97 người."))).toEqual([
      [18, null],
      [null, 97],
    ]);
  });
  it("an estimate to the year's end in a plan is a result", () => {
    const doc = extractText(report("Ước đến ngày 31/12/2026, khoảng 78% người dân trưởng thành có kỹ năng số cơ bản. Phấn đấu năm 2027 đạt 85%.", { kind: "KẾ HOẠCH", title: "Triển khai Phong trào năm 2027" }));
    expect(pct(doc.facts)).toEqual([
      [78, "actual"],
      [85, "target"],
    ]);
  });
  it("households and residents a place has are background", () => {
    expect(counts(facts("Phường có 9 tổ dân phố, 6.420 hộ, 24.800 nhân khẩu."))).toEqual([]);
  });
});

describe("a table of units with their teams and members", () => {
  it("each row is a team fact; the total row counts the commune's", () => {
    const doc = extractText(report("STT\tThôn\tSố Tổ công nghệ số cộng đồng\tSố thành viên\n1\tThôn Nà Hang\t1\t6\n2\tThôn Bản Lầu\t1\t5\n\tTổng cộng\t2\t11"));
    expect(teams(doc.facts)).toEqual([
      [1, 6],
      [1, 5],
      [2, 11],
    ]);
    expect(doc.teams).toEqual({ teams: 2, members: 11 });
    // "Đơn vị" over commune names is the label column there, and the abbreviation names the teams
    expect(teams(facts("STT\tĐơn vị\tSố Tổ CNSCĐ\tSố thành viên\n1\tXã Yên Minh\t12\t70"))).toEqual([[12, 70]]);
  });
});

describe("goals reported on and goal lead-ins", () => {
  it("'Kết quả thực hiện mục tiêu …' reports results; 'Chỉ tiêu về … năm 2026:' over a list sets goals", () => {
    expect(pct(facts("Kết quả thực hiện mục tiêu năm 2025: tỷ lệ hộ có cáp quang đạt 85%."))).toEqual([[85, "actual"]]);
    expect(pct(facts("c) Chỉ tiêu về thanh toán số năm 2026:\n- 100% trường học thu học phí không dùng tiền mặt;\n- Tỷ lệ giao dịch trực tuyến đạt 50%."))).toEqual([
      [100, "target"],
      [50, "target"],
    ]);
    expect(pct(facts("Kết quả thực hiện chỉ tiêu về thanh toán số năm 2026:\n- 100% trường học thu học phí không dùng tiền mặt;\n- Tỷ lệ giao dịch trực tuyến đạt 50%."))).toEqual([
      [100, "actual"],
      [50, "actual"],
    ]);
  });
});

describe("a last held-out set: labels, villages and plans in brackets", () => {
  it("'Số tổ CNSCĐ: 14 | Số thành viên: 70' is one team fact", () => {
    expect(teams(facts("STT 2 | Xã Yên Phú | Số tổ CNSCĐ: 9 | Số thành viên: 48 | Tỷ lệ: 80,5%"))).toEqual([[9, 48]]);
  });
  it("villages that have the teams, the village word 'tổ dân phố' among them, count one team each", () => {
    expect(teams(facts("Đến nay 640/700 thôn, bản, tổ dân phố có Tổ công nghệ số cộng đồng."))).toEqual([[640, null]]);
  });
  it("'(kế hoạch 85%)' is the plan; 'mới có' reports what is, even after a deadline", () => {
    expect(pct(facts("Năm 2025, xã đạt 91,2% hộ dân có tài khoản thanh toán (kế hoạch 85%)."))).toEqual([
      [91.2, "actual"],
      [85, "target"],
    ]);
    expect(pct(facts("Đến cuối năm 2024, huyện mới có 9/12 xã có sóng 5G; tỷ lệ hộ dùng cáp quang đạt 41%."))).toEqual([[41, "actual"]]);
  });
});
