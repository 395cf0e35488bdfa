// /import: drop report files, a folder or a .zip; the same import as `tonghop import` runs on
// them, with its progress and one line per bad file (import.js drives it).

import { maxFileBytes } from "../../ingest/limits.js";
import { html } from "../html.js";
import type { Page } from "../layout.js";
import { UPLOAD_LIMITS } from "../imports.js";

export function importPage(): Page {
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  return {
    title: "Nhập báo cáo",
    nav: "import",
    body: html`<form id="upload" class="upload" method="post" action="/api/import" enctype="multipart/form-data">
<div class="drop" id="drop" tabindex="0">
<p><strong>Kéo thả tệp báo cáo, thư mục hoặc tệp .zip vào đây</strong></p>
<p>PDF (cả bản scan), DOCX, DOC, ODT, RTF, XLSX, văn bản, ảnh chụp hoặc ảnh scan JPEG/PNG/TIFF — tối đa ${UPLOAD_LIMITS.files} tệp, mỗi tệp ${mb(maxFileBytes())} MiB, tổng ${mb(UPLOAD_LIMITS.totalBytes)} MiB.</p>
<p><label class="button">Chọn tệp <input type="file" id="pick-files" name="files" multiple hidden></label>
<label class="button">Chọn thư mục <input type="file" id="pick-folder" webkitdirectory multiple hidden></label></p>
</div>
</form>
<section id="progress" class="progress" hidden aria-live="polite">
<h2>Đang nhập</h2>
<progress id="progress-bar" max="1" value="0"></progress>
<p id="progress-text"></p>
</section>
<section id="result" hidden aria-live="polite">
<h2>Kết quả</h2>
<p id="result-summary"></p>
<ul id="result-errors" class="errors"></ul>
<ul id="result-warnings" class="warnings"></ul>
<p><a href="/documents">Xem văn bản đã nhập</a> · <a href="/matrix">Ma trận</a></p>
</section>`,
  };
}
