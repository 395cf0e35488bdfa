// tonghop workspace: small progressive enhancements over server-rendered pages.
// No inline scripts anywhere (the Content-Security-Policy forbids them); text from the server
// is only ever put in the page with textContent.
"use strict";

(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute("content") ?? "";

  // Filter forms: a changed list applies at once (the filters are in the address).
  for (const form of document.querySelectorAll("form[data-autosubmit]")) {
    for (const sel of form.querySelectorAll("select")) sel.addEventListener("change", () => form.requestSubmit());
  }

  // Document page: the figure a link points at is marked and brought to the middle of the screen.
  function showTarget() {
    for (const el of document.querySelectorAll(".current")) el.classList.remove("current");
    const id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    const el = document.getElementById(id);
    if (!el) return;
    el.classList.add("current");
    el.scrollIntoView({ block: "center" });
    if (typeof el.focus === "function") el.focus({ preventScroll: true });
  }
  if (document.getElementById("doc-text")) {
    window.addEventListener("hashchange", showTarget);
    showTarget();
  }

  // Charts (Chart.js from node_modules, loaded only on pages that have one).
  for (const canvas of document.querySelectorAll("canvas[data-chart]")) {
    if (typeof window.Chart !== "function") break;
    const d = JSON.parse(canvas.getAttribute("data-chart") || "{}");
    const box = canvas.parentElement;
    if (box && box.dataset.height) box.style.height = box.dataset.height + "px";
    const colors = d.unmet.map((u) => (u ? "#d9534f" : "#3b7dd8"));
    const datasets = [{ type: "bar", label: d.label, data: d.values, backgroundColor: colors, order: 2 }];
    if (d.targets.some((t) => t != null))
      // the target of each unit: a dashed line through a mark across each bar
      datasets.push({
        type: "line", label: "Chỉ tiêu", data: d.targets, borderColor: "#222", backgroundColor: "#222", borderDash: [6, 4], borderWidth: 2,
        pointStyle: "line", pointRadius: 10, pointRotation: 90, pointBorderWidth: 3, fill: false, spanGaps: true, order: 0,
      });
    new window.Chart(canvas, {
      data: { labels: d.labels, datasets },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { beginAtZero: true, suggestedMax: d.percent ? 100 : undefined } },
        plugins: { legend: { display: true } },
      },
    });
  }

  // Import: drop files, a folder or a .zip; upload; follow the import's progress.
  const form = document.getElementById("upload");
  if (form) setupImport(form);

  function setupImport(form) {
    const drop = document.getElementById("drop");
    const pickFiles = document.getElementById("pick-files");
    const pickFolder = document.getElementById("pick-folder");
    const progress = document.getElementById("progress");
    const bar = document.getElementById("progress-bar");
    const text = document.getElementById("progress-text");
    const result = document.getElementById("result");
    const summary = document.getElementById("result-summary");
    const errors = document.getElementById("result-errors");
    const warnings = document.getElementById("result-warnings");

    const withPaths = (files) => Array.from(files, (f) => ({ file: f, path: f.webkitRelativePath || f.name }));
    pickFiles.addEventListener("change", () => upload(withPaths(pickFiles.files)));
    pickFolder.addEventListener("change", () => upload(withPaths(pickFolder.files)));
    for (const ev of ["dragenter", "dragover"])
      drop.addEventListener(ev, (e) => {
        e.preventDefault();
        drop.classList.add("over");
      });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", async (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      const items = Array.from(e.dataTransfer.items || []);
      const entries = items.map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null));
      if (entries.length && entries.every(Boolean)) {
        const out = [];
        for (const entry of entries) await walk(entry, "", out);
        upload(out);
      } else upload(withPaths(e.dataTransfer.files));
    });

    async function walk(entry, prefix, out) {
      if (entry.isFile) {
        const file = await new Promise((ok, ko) => entry.file(ok, ko));
        out.push({ file, path: prefix + file.name });
      } else if (entry.isDirectory) {
        const reader = entry.createReader();
        for (;;) {
          const batch = await new Promise((ok, ko) => reader.readEntries(ok, ko));
          if (!batch.length) break;
          for (const child of batch) await walk(child, prefix + entry.name + "/", out);
        }
      }
    }

    async function upload(list) {
      if (!list.length) return;
      const data = new FormData();
      for (const { file, path } of list) {
        data.append("files", file, file.name);
        data.append("paths", path);
      }
      result.hidden = true;
      progress.hidden = false;
      bar.removeAttribute("value");
      text.textContent = `Đang tải lên ${list.length} tệp…`;
      let res;
      try {
        res = await fetch("/api/import", { method: "POST", body: data, headers: { "X-CSRF-Token": csrf }, credentials: "same-origin" });
      } catch (err) {
        return fail("Không gửi được tệp (upload failed): " + err);
      }
      const body = await res.json().catch(() => ({ error: "Phản hồi không hợp lệ (bad response)" }));
      if (!res.ok) return fail(body.error || "Lỗi " + res.status);
      follow(body.id);
    }

    function fail(message) {
      progress.hidden = true;
      result.hidden = false;
      summary.textContent = message;
      summary.className = "error";
      errors.replaceChildren();
      warnings.replaceChildren();
    }

    async function follow(id) {
      for (;;) {
        const res = await fetch("/api/import/" + encodeURIComponent(id), { credentials: "same-origin" });
        const job = await res.json();
        if (!res.ok) return fail(job.error || "Lỗi " + res.status);
        bar.max = Math.max(1, job.total);
        bar.value = job.done;
        text.textContent = `${job.done}/${job.total} tệp${job.file ? " — " + job.file : ""}`;
        if (job.state !== "running") return finish(job);
        await new Promise((ok) => setTimeout(ok, 400));
      }
    }

    function finish(job) {
      progress.hidden = true;
      result.hidden = false;
      summary.className = job.failed || job.state === "failed" ? "warning" : "ok";
      summary.textContent =
        job.state === "failed"
          ? "Không nhập được: " + (job.message || "")
          : `Đã nhập ${job.imported} tệp mới, bỏ qua ${job.skipped} tệp đã có, ${job.failed} tệp lỗi` +
            (job.ignored.length ? `, ${job.ignored.length} tệp không phải báo cáo` : "") +
            (job.seconds != null ? ` trong ${job.seconds.toFixed(1)} s` : "");
      errors.replaceChildren(
        ...job.errors.map((e) => {
          const li = document.createElement("li");
          li.className = "import-error";
          li.textContent = `${e.file}: ${e.error}`;
          return li;
        }),
      );
      warnings.replaceChildren(
        ...job.warnings.map((w) => {
          const li = document.createElement("li");
          li.textContent = (w.file ? w.file + ": " : "") + w.warning;
          return li;
        }),
      );
    }
  }
})();
