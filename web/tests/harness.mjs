// What every browser test of the web UI shares: command-line arguments, Debian's Chromium
// (headless, driven by playwright-core) with one page, checks counted by name, axe-core on a
// page, screenshots, and the watch kept over the whole run — no console error (a CSP violation is
// one), no request leaving the server's origin, no failed request but those the test expects.
//   const t = await openBrowser({ base, out, expected: (status, method, path) => … });
//   t.check(name, ok, detail); await t.accessible(name); await t.shot(name);
//   await t.run(async (page) => { … });   // closes the browser, prints "N passed, M failed", exits
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// "--base URL --user NAME" → { base: 'URL', user: 'NAME' }
export function parseArgs(argv) {
  return Object.fromEntries(argv.reduce((pairs, a, i, all) => {
    if (a.startsWith('--')) pairs.push([a.slice(2), all[i + 1]]);
    return pairs;
  }, []));
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function openBrowser({ base, out, expected = () => false }) {
  mkdirSync(out, { recursive: true });
  let passed = 0;
  let failed = 0;
  const check = (name, ok, detail = '') => {
    if (ok) passed += 1;
    else { failed += 1; console.log(`FAIL: ${name}${detail ? `: ${detail}` : ''}`); }
  };
  const browser = await chromium.launch({
    executablePath: process.env.WARD_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // Debian's Chromium as root, on a machine with no network but loopback.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const consoleErrors = [];
  // Failed requests are judged by what they asked for (`expected`); everything else logged as an
  // error counts.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) consoleErrors.push(m.text());
  });
  const failedResponses = [];
  const recentRequests = [];  // the last API answers, printed when the walk-through stops early
  page.on('response', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/api/')) {
      recentRequests.push(`${r.status()} ${r.request().method()} ${pathname}`);
      if (recentRequests.length > 10) recentRequests.shift();
    }
    if (r.status() < 400) return;
    const path = new URL(r.url()).pathname;
    if (!expected(r.status(), r.request().method(), path)) failedResponses.push(`${r.status()} ${r.request().method()} ${path}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  const foreign = [];
  page.on('request', (r) => { if (!r.url().startsWith(base)) foreign.push(r.url()); });

  // axe-core evaluated in the page through DevTools (an injected <script> would be, rightly,
  // refused by the page's CSP); serious and critical violations fail the check.
  const accessible = async (name) => {
    await page.evaluate(axeSource);
    const found = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
    });
    check(`${name}: no serious or critical accessibility violations`, found.length === 0, found.join(' | '));
  };
  const shot = async (name) => { await page.screenshot({ path: join(out, `${name}.png`), fullPage: true }); };

  const run = async (walk) => {
    try {
      await walk(page);
      check('no console errors (CSP violations among them)', consoleErrors.length === 0, consoleErrors.join(' | '));
      check('no request left the server', foreign.length === 0, foreign.join(' '));
      check('no request failed but those expected', failedResponses.length === 0, failedResponses.join(' | '));
    } catch (e) {
      check('the walk-through finished', false, e.stack || String(e));
      // What the page showed and asked last, so a failure seen once (a loaded CI machine) can be
      // read afterwards: the messages on screen, the last API answers, a screenshot.
      const shown = await page.locator('[role=alert], [role=status]').allTextContents().catch(() => []);
      console.log(`on screen: ${shown.map((t) => JSON.stringify(t.trim())).join(' | ') || '(no alert or status)'}`);
      console.log(`last API answers: ${recentRequests.join(' | ') || '(none)'}`);
      await shot('failure').catch(() => {});
    } finally {
      await browser.close();
    }
    console.log(`${passed} passed, ${failed} failed`);
    return failed === 0;
  };
  return { page, check, accessible, shot, run };
}
