// Kinds of real-world wording (issue 10), each with sentences written for this test: goals
// versus results, shortfalls, counts, teams, and numbers that are not figures.
import { describe, expect, it } from "vitest";
import type { Fact } from "../src/extract/types.js";
import { extractText, report } from "./extract-helpers.js";

const facts = (text: string): Fact[] => extractText(text + "\n").facts;
const pct = (fs: Fact[]) => fs.flatMap((f) => (f.kind === "percent" ? [[f.value, f.role] as const] : []));
const counts = (fs: Fact[]) => fs.flatMap((f) => (f.kind === "count" ? [f.value] : []));
const teams = (fs: Fact[]) => fs.flatMap((f) => (f.kind === "team" ? [[f.teams, f.members] as const] : []));
const unmet = (fs: Fact[]) => fs.filter((f) => f.kind === "unmet").length;

describe("goals and results", () => {
  it("a goal word holds for the later clauses of its sentence, a result word takes over", () => {
    expect(pct(facts("Huyện phấn đấu đến năm 2027 có 70% hộ dân dùng cáp quang; 90% trường học có mạng không dây; hiện đã có 45% hộ dân dùng cáp quang."))).toEqual([
      [70, "target"],
      [90, "target"],
      [45, "actual"],
    ]);
  });
  it("a lead-in ending with ':' makes the list under it goals", () => {
    const text = "Mục tiêu của xã đến hết năm 2026:\n- 95% người dân có tài khoản định danh điện tử mức 2.\n- 60% hộ kinh doanh thanh toán không dùng tiền mặt.";
    expect(pct(facts(text))).toEqual([
      [95, "target"],
      [60, "target"],
    ]);
  });
  it("a paragraph opening with a connector continues the goals of the one before", () => {
    const text = "Theo lộ trình, cuối năm nay 100% thôn có loa thông minh.\n\nĐồng thời, 75% người cao tuổi được hướng dẫn dùng điện thoại thông minh.";
    expect(pct(facts(text))).toEqual([
      [100, "target"],
      [75, "target"],
    ]);
  });
  it("a cue inside a parenthesis holds only inside it", () => {
    const fs = pct(facts("Phấn đấu 80% hồ sơ nộp trực tuyến (kết quả năm trước đạt 52%), 40% hồ sơ thanh toán trực tuyến."));
    expect(fs).toEqual([
      [80, "target"],
      [52, "actual"],
      [40, "target"],
    ]);
  });
  it("a range is one goal at its lower bound", () => {
    const fs = facts("Mục tiêu: 40 - 55% học sinh trung học cơ sở tham gia câu lạc bộ tin học.").filter((f) => f.kind === "percent");
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ value: 40, role: "target" });
  });
});

describe("a result stated inside a goal sentence", () => {
  it("a clause opening with the present is the result, the goal's figure stays the goal", () => {
    expect(pct(facts("Về hộ gia đình có cáp quang, mục tiêu 90%, hiện đạt 65%."))).toEqual([
      [90, "target"],
      [65, "actual"],
    ]);
    expect(pct(facts("Xã đặt mục tiêu 85% người dân biết dùng dịch vụ công trực tuyến – năm nay mới đạt 58%."))).toEqual([
      [85, "target"],
      [58, "actual"],
    ]);
  });
  it("a parenthesis giving an earlier year's figure is the result", () => {
    expect(pct(facts("Phấn đấu đến năm 2028 có 70% hộ kinh doanh nhận thanh toán không dùng tiền mặt (năm 2025: 41%)."))).toEqual([
      [70, "target"],
      [41, "actual"],
    ]);
  });
  it("in a report, the report's own year is a result and a later year a goal", () => {
    const text = report("Năm 2026 phấn đấu 95% hồ sơ thủ tục hành chính được xử lý trực tuyến, năm 2025 đạt 81%; năm 2027 đạt 98%.");
    const fs = extractText(text).facts.flatMap((f) => (f.kind === "percent" ? [[f.value, f.role] as const] : []));
    expect(fs).toEqual([
      [95, "target"],
      [81, "actual"],
      [98, "target"],
    ]);
  });
  it("the stated result measures the goal's indicator and is what the report achieved", () => {
    const x = extractText(report("Mục tiêu đến cuối năm 2025 có 100% cán bộ, công chức xã được bồi dưỡng kỹ năng số; hiện nay đạt 76%."));
    expect(x.indicators["3.1"]).toMatchObject({ value: 76, role: "actual" });
  });
  it("a roadmap of later years stays a list of goals", () => {
    expect(pct(facts("Phấn đấu năm 2027 đạt 80%, năm 2028 đạt 90% hộ gia đình có cáp quang."))).toEqual([
      [80, "target"],
      [90, "target"],
    ]);
  });
});

describe("shortfalls", () => {
  for (const s of [
    "Kết quả: 12 nhiệm vụ hoàn thành, 03 nhiệm vụ chưa hoàn thành.",
    "Xã đã hoàn thành 9/11 chỉ tiêu, còn 2 chỉ tiêu đang tiếp tục thực hiện.",
    "Tỷ lệ hộ có cửa hàng số mới đạt 12%, còn cách xa mục tiêu 40%.",
    "Tỷ lệ người dân có chữ ký số thấp hơn nhiều so với mục tiêu đề ra.",
    "Phần mềm quản lý chưa đáp ứng yêu cầu đề ra nên chưa thể triển khai diện rộng như kế hoạch.",
  ])
    it(s, () => expect(unmet(facts(s))).toBeGreaterThanOrEqual(1));
  it("a weakness with no target named is not a shortfall", () => {
    expect(unmet(facts("Kỹ năng số của người cao tuổi còn hạn chế, tỷ lệ sử dụng còn thấp."))).toBe(0);
  });
});

describe("counts", () => {
  it("enumerations and large numbers", () => {
    expect(counts(facts("Năm qua, đài truyền thanh phát 12 bài, 45 tin và 03 phóng sự; cổng thông tin có hơn 2,5 triệu lượt truy cập và 7,2 nghìn giao dịch."))).toEqual([12, 45, 3, 2500000, 7200]);
  });
  it("places, stations and plan items", () => {
    expect(counts(facts("Trên địa bàn có 5 trạm phát sóng, 2 chợ thanh toán không dùng tiền mặt và 14 xã, thị trấn đã hoàn thành 8 nhiệm vụ."))).toEqual([5, 2, 14, 8]);
  });
  it("a flattened table row gives one count per number", () => {
    expect(counts(facts("Hồ sơ tiếp nhận\nMức 3 1520 1490 30\n"))).toEqual([1520, 1490, 30]);
  });
});

describe("teams", () => {
  it("a total split across a clause", () => {
    expect(teams(facts("Toàn huyện đã thành lập 240 Tổ công nghệ số cộng đồng với tổng số thành viên 1.380."))).toEqual([[240, 1380]]);
  });
  it("members as another noun beside the teams", () => {
    expect(teams(facts("Các cơ sở đoàn duy trì 85 tổ công nghệ số cộng đồng với sự tham gia của hơn 900 đoàn viên."))).toEqual([[85, 900]]);
  });
  it("one team per unit that set one up", () => {
    expect(teams(facts("Đến nay 12/12 xã đã thành lập tổ công nghệ số cộng đồng."))).toEqual([[12, null]]);
  });
  it("other squads are not community digital technology teams", () => {
    const fs = facts("Huyện thành lập 30 tổ hỗ trợ kỹ thuật với 210 thành viên.");
    expect(teams(fs)).toEqual([]);
    expect(counts(fs)).toEqual([30, 210]);
  });
  it("norms and member ranges are not team figures", () => {
    expect(teams(facts("Mỗi khu phố có thể thành lập 1 Tổ công nghệ số cộng đồng; tổ cấp thôn từ 4 - 7 thành viên."))).toEqual([]);
  });
});

describe("numbers that are not figures", () => {
  it("rankings, background population, rates and levels", () => {
    const fs = facts(
      "Chỉ số chuyển đổi số của tỉnh xếp thứ 12/63. Xã có hơn 30% dân số là đồng bào dân tộc thiểu số; toàn xã còn 40 hộ nghèo, chiếm 2,1%. Mỗi phòng được trang bị 01 máy tính/01 cán bộ. Dịch vụ công mức độ 4 được triển khai.",
    );
    expect(fs.filter((f) => f.kind !== "unmet")).toEqual([]);
  });
});
