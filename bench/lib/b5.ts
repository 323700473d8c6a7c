/**
 * B5: open the run page of the 150,000-run suite run in Chromium (Playwright), time until the runs
 * table shows rows, then scroll its container and check that rows load on demand while the number
 * of rows in the DOM stays bounded (virtualized). Reports "page not available" instead of failing
 * when the dashboard has no run page yet.
 */
import { nowMs, sleep } from "./proc";
import { median, r1 } from "./measure";
import type { Stack } from "./stack";

const ROW = 'tbody tr, [role="rowgroup"] [role="row"], [data-run-id]';
const LOADS = 3;

export async function b5(stack: Stack, suiteRunId: string) {
  let chromium: typeof import("@playwright/test").chromium;
  try {
    ({ chromium } = await import("@playwright/test"));
  } catch (error) {
    return { available: false, note: `B5: Playwright not loadable (${String(error)})` };
  }
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/signin`, { waitUntil: "domcontentloaded" });
    await page.fill('input[name="email"]', stack.user.email);
    await page.fill('input[name="password"]', stack.user.password);
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith("/signin"), { timeout: 30_000 }),
      page.click('button[type="submit"]'),
    ]);
    const signedIn = (await context.cookies()).some((c) => /authjs\.session-token/.test(c.name));
    if (!signedIn) return { available: false, note: "B5: could not sign in through /signin" };

    const url = `${stack.baseUrl}/p/bench/runs/${suiteRunId}`;
    const loads: {
      rows_visible_ms: number;
      main_thread_free_ms: number;
      dom_content_loaded_ms: number;
    }[] = [];
    let scroll: Record<string, unknown> | null = null;
    for (let i = 0; i < LOADS; i++) {
      const p = i === 0 ? page : await context.newPage();
      const runRequests: string[] = [];
      p.on("request", (r) => {
        if (r.url().includes(`/suite-runs/${suiteRunId}/runs`)) runRequests.push(r.url());
      });
      const t0 = nowMs();
      const resp = await p.goto(url, { waitUntil: "commit", timeout: 30_000 });
      if (!resp || resp.status() === 404)
        return {
          available: false,
          note: `B5: page not available (${url} → ${resp?.status() ?? "no response"})`,
        };
      try {
        await p.locator(ROW).first().waitFor({ state: "visible", timeout: 20_000 });
      } catch {
        return {
          available: false,
          note: `B5: the run page answered ${resp.status()} but showed no table rows within 20 s`,
        };
      }
      const rowsVisible = nowMs() - t0;
      // interactive = rows on screen and the main thread free to handle input (a frame + a task run)
      await p.evaluate(
        () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0))),
      );
      const free = nowMs() - t0;
      const dcl = await p.evaluate(() => {
        const nav = performance.getEntriesByType("navigation")[0] as
          PerformanceNavigationTiming | undefined;
        return nav ? nav.domContentLoadedEventEnd : NaN;
      });
      loads.push({
        rows_visible_ms: Math.round(rowsVisible),
        main_thread_free_ms: Math.round(free),
        dom_content_loaded_ms: Math.round(dcl),
      });
      if (i === 0) scroll = await scrollCheck(p, runRequests);
      if (i > 0) await p.close();
    }
    return {
      available: true,
      url: `/p/bench/runs/${suiteRunId}`,
      first_load: loads[0],
      median_interactive_ms: Math.round(median(loads.map((l) => l.main_thread_free_ms))),
      loads,
      scroll,
    };
  } finally {
    await browser.close();
  }
}

async function scrollCheck(p: import("@playwright/test").Page, runRequests: string[]) {
  const rowText = () =>
    p.locator(ROW).evaluateAll((els) => els.map((e) => (e.textContent ?? "").trim()));
  const before = await rowText();
  const requestsBefore = runRequests.length;
  const steps: { fraction: number; dom_rows: number; changed: boolean; loading_rows: number }[] =
    [];
  let container = "";
  let maxRows = before.length;
  for (const fraction of [0.25, 0.5, 0.9]) {
    container = await p.evaluate(
      ({ sel, fraction }) => {
        const row = document.querySelector(sel);
        let el = row?.parentElement ?? null;
        while (el && el !== document.body) {
          const s = getComputedStyle(el);
          if (/(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 10) break;
          el = el.parentElement;
        }
        const target = el && el !== document.body ? el : (document.scrollingElement as HTMLElement);
        target.scrollTop = target.scrollHeight * fraction;
        target.dispatchEvent(new Event("scroll"));
        return `${target === document.scrollingElement ? "document" : target.tagName.toLowerCase()} scrollHeight=${target.scrollHeight}`;
      },
      { sel: ROW, fraction },
    );
    // wait (≤ 5 s) until the rows show other runs and none is a loading placeholder
    let texts = before;
    for (let t = 0; t < 50; t++) {
      await sleep(100);
      texts = await rowText();
      const loading = texts.filter((x) => /loading|…$/i.test(x) || x === "").length;
      if (texts.join("|") !== before.join("|") && loading === 0) break;
    }
    maxRows = Math.max(maxRows, texts.length);
    steps.push({
      fraction,
      dom_rows: texts.length,
      changed: texts.join("|") !== before.join("|"),
      loading_rows: texts.filter((x) => /loading/i.test(x) || x === "").length,
    });
  }
  const fetched = runRequests.length - requestsBefore;
  return {
    container,
    dom_rows_initial: before.length,
    dom_rows_max: maxRows,
    run_page_requests_on_scroll: fetched,
    steps,
    loads_on_demand: steps.every((s) => s.changed) && fetched > 0,
    bounded: maxRows <= 500,
  };
}

export const b5Summary = (r: Awaited<ReturnType<typeof b5>>) =>
  r.available && "first_load" in r
    ? `interactive ${r1(r.first_load!.main_thread_free_ms / 1000)} s (first load)`
    : r.note;
