// Background work seen from a page, polled without a reload:
// - an export job's page ([data-job]) shows its progress, then offers the file;
// - the reader ([data-checks-status-url]) asks once on load, then says "checks
//   running…" while the checks on the source are queued or running, and shows how
//   many suggestions they left when they end.
// Each polls a small JSON status endpoint every 2 s and stops when the work is done.

const EVERY_MS = 2000;

async function state(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return response.json();
}

function pollJob(box) {
  const label = box.querySelector("[data-job-label]");
  const step = box.querySelector("[data-job-step]");
  const bar = box.querySelector("[data-job-progress]");
  const ready = box.querySelector("[data-job-ready]");
  const error = box.querySelector("[data-job-error]");
  const tick = async () => {
    let job;
    try {
      job = await state(box.dataset.statusUrl);
    } catch {
      setTimeout(tick, EVERY_MS * 2);
      return;
    }
    box.dataset.status = job.status;
    label.textContent = job.label;
    step.textContent = job.step;
    bar.value = job.percent;
    bar.textContent = `${job.percent}%`;
    ready.hidden = job.status !== "done";
    error.hidden = job.status !== "failed";
    error.textContent = job.error;
    if (job.status === "queued" || job.status === "running") setTimeout(tick, EVERY_MS);
  };
  if (box.dataset.status === "queued" || box.dataset.status === "running") {
    setTimeout(tick, EVERY_MS);
  }
}

function pollChecks(link) {
  const running = document.querySelector("[data-checks-running]");
  const count = link.querySelector("[data-suggestion-count]");
  const tick = async () => {
    let checks;
    try {
      checks = await state(link.dataset.checksStatusUrl);
    } catch {
      setTimeout(tick, EVERY_MS * 2);
      return;
    }
    count.textContent = `${checks.open} suggestion${checks.open === 1 ? "" : "s"}`;
    if (running) running.hidden = !checks.running;
    link.dataset.checksRunning = checks.running ? "true" : "false";
    if (checks.running) setTimeout(tick, EVERY_MS);
  };
  tick();
}

document.querySelectorAll("[data-job]").forEach(pollJob);
document.querySelectorAll("[data-checks-status-url]").forEach(pollChecks);
