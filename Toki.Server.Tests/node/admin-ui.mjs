// Drives the official Socket.IO Admin UI (@socket.io/admin-ui's ui/dist, served by the test) against a running Toki.
//   node admin-ui.mjs <uiUrl> <serverUrl> <username> <password> <socketIdToDisconnect> <otherSocketId> <artifactsDir>
// Signs in through the connection modal, reads the sockets and rooms pages, then disconnects one socket from the
// sockets page. Prints one JSON line: { ok, error?, steps, sockets, rooms, afterDisconnect, console }.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [uiUrl, serverUrl, username, password, targetId, otherId, artifactsDir] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const report = { ok: false, steps: [], sockets: [], rooms: [], afterDisconnect: [], console: [] };
const started = performance.now();
const step = (name) => report.steps.push({ name, atMs: Math.round(performance.now() - started) });
mkdirSync(artifactsDir, { recursive: true });

const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
// The UI's index.html asks public CDNs for fonts and icons; this machine has no such access, and the UI works without.
const allowed = new Set([new URL(uiUrl).origin, new URL(serverUrl).origin]);
await context.route('**/*', (route) => (allowed.has(new URL(route.request().url()).origin) ? route.continue() : route.abort()));
const page = await context.newPage();
page.setDefaultTimeout(15000);
page.on('console', (m) => { if (m.type() === 'error') report.console.push(m.text()); });
page.on('pageerror', (e) => report.console.push(`pageerror: ${e.message}`));

const rowTexts = async () => (await page.locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());

try {
  await page.goto(`${uiUrl}/#/sockets/`);
  await page.getByLabel('Server URL').fill(serverUrl);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Connect' }).click();
  step('signed-in');

  await page.locator('tbody tr', { hasText: targetId }).waitFor();
  await page.locator('tbody tr', { hasText: otherId }).waitFor();
  report.sockets = await rowTexts();
  await page.screenshot({ path: path.join(artifactsDir, '1-sockets.png'), fullPage: true });
  step('sockets');

  await page.evaluate(() => { window.location.hash = '#/rooms/'; });
  await page.locator('tbody tr', { hasText: 'user:' }).first().waitFor();
  report.rooms = await rowTexts();
  await page.screenshot({ path: path.join(artifactsDir, '2-rooms.png'), fullPage: true });
  step('rooms');

  await page.evaluate(() => { window.location.hash = '#/sockets/'; });
  await page.locator('tbody tr', { hasText: targetId }).locator('button').click();
  // The click also opens the socket's details (the row's own click handler): back to the list, which must lose the row.
  await page.evaluate(() => { window.location.hash = '#/sockets/'; });
  await page.waitForFunction(([gone, kept]) => {
    const rows = [...document.querySelectorAll('tbody tr')].map((tr) => tr.textContent);
    return !rows.some((text) => text.includes(gone)) && rows.some((text) => text.includes(kept));
  }, [targetId, otherId]);
  report.afterDisconnect = await rowTexts();
  await page.screenshot({ path: path.join(artifactsDir, '3-after-disconnect.png'), fullPage: true });
  step('disconnected');
  report.ok = true;
} catch (error) {
  report.error = `${error.message}`.split('\n').slice(0, 6).join('\n');
  await page.screenshot({ path: path.join(artifactsDir, 'failure.png'), fullPage: true }).catch(() => {});
} finally {
  await browser.close().catch(() => {});
}
process.stdout.write(JSON.stringify(report) + '\n');
