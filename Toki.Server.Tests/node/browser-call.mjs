// Drives the sample frontend (examples/web) through a real video call in Debian's Chromium.
//   node browser-call.mjs <baseUrl> <artifactsDir> <callerId> <calleeId>
// Two browser contexts (two users, fake camera and microphone) sign in through the login picker;
// the caller places a video call, the callee accepts, both videos play; the caller's tab reloads and
// resumes; the caller ends softly and rejoins; the callee ends the call for good. Along the way the
// countdowns shown are compared with the server's remainingTime, and at the end the balances shown
// with /api/me. Screenshots of the key moments (and of a failure) go to <artifactsDir>.
// Prints one JSON line: { ok, error?, callId, steps, countdowns, reload, final, screenshots, console }.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [baseUrl, artifactsDir, callerId, calleeId] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STEP_TIMEOUT = 15000;

const report = { ok: false, callId: null, steps: [], countdowns: [], reload: null, final: null, screenshots: [], console: [] };
const started = performance.now();
const step = (name) => report.steps.push({ name, atMs: Math.round(performance.now() - started) });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

mkdirSync(artifactsDir, { recursive: true });

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
  ],
});

/** A user's tab in its own browser context (its own sessionStorage, like a separate browser). */
async function openTab(label) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') report.console.push(`${label}: ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => report.console.push(`${label}: pageerror: ${error.message}`));
  return { label, page };
}

async function screenshot(tab, name) {
  const file = path.join(artifactsDir, `${name}-${tab.label}.png`);
  try {
    await tab.page.screenshot({ path: file, fullPage: true });
    report.screenshots.push(file);
  } catch {
    // the page may be gone; the report says what happened
  }
}

async function signIn(tab, userId) {
  await tab.page.goto('/');
  // The login picker offers the demo users; any other seeded id goes through the text field.
  const demo = tab.page.getByRole('button', { name: new RegExp(`^Sign in as ${userId}$`, 'i') });
  if (await demo.count()) {
    await demo.click();
  } else {
    await tab.page.getByLabel('User id').fill(userId);
    await tab.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }
  await tab.page.getByTestId('coins').waitFor();
  await waitForText(tab, 'connection', 'connected');
}

async function waitForText(tab, testId, text) {
  await tab.page.waitForFunction(
    ([id, expected]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === expected,
    [testId, text],
  );
}

/** Waits until the remote video plays frames (other than `previousStreamId`, if given); returns its stream id. */
async function remoteVideoPlaying(tab, previousStreamId = null) {
  const handle = await tab.page.waitForFunction((previous) => {
    const video = document.querySelector('[data-testid="remote-video"]');
    const stream = video?.srcObject;
    if (!stream || stream.id === previous || video.paused || video.readyState < 2 || video.videoWidth === 0) return null;
    return { streamId: stream.id, time: video.currentTime, width: video.videoWidth, height: video.videoHeight };
  }, previousStreamId);
  const first = await handle.jsonValue();
  // Frames keep coming: currentTime advances.
  await tab.page.waitForFunction((t0) => document.querySelector('[data-testid="remote-video"]').currentTime > t0 + 0.2, first.time);
  return first;
}

/** The session this tab signed in with, from its sessionStorage. */
const sessionOf = (tab) => tab.page.evaluate(() => JSON.parse(sessionStorage.getItem('toki.session')));

async function api(tab, url) {
  return tab.page.evaluate(async (u) => {
    const { token } = JSON.parse(sessionStorage.getItem('toki.session'));
    const response = await fetch(u, { headers: { Authorization: `Bearer ${token}` } });
    return { status: response.status, body: await response.json() };
  }, url);
}

const shownCountdown = (tab) => tab.page.getByTestId('countdown').evaluate((el) => ({
  seconds: Number(el.dataset.seconds),
  running: el.dataset.running === 'true',
}));

/** Both countdowns as shown, next to the server's remainingTime read at the same moment. */
async function compareCountdowns(label, a, b, { running }) {
  await a.page.waitForFunction((r) => document.querySelector('[data-testid="countdown"]')?.dataset.running === String(r), running);
  await b.page.waitForFunction((r) => document.querySelector('[data-testid="countdown"]')?.dataset.running === String(r), running);
  const [server, shownA, shownB] = await Promise.all([api(a, `/api/calls/${report.callId}`), shownCountdown(a), shownCountdown(b)]);
  const entry = {
    label,
    server: server.body.remainingTime,
    status: server.body.status,
    [a.label]: shownA.seconds,
    [b.label]: shownB.seconds,
    running: [shownA.running, shownB.running],
  };
  report.countdowns.push(entry);
  return entry;
}

async function inCall(tab) {
  await tab.page.getByTestId('in-call').waitFor();
}

const caller = await openTab('caller');
const callee = await openTab('callee');
try {
  await signIn(caller, callerId);
  await signIn(callee, calleeId);
  step('signed-in');
  const initialCaller = (await api(caller, '/api/me')).body;

  await caller.page.getByTestId('callee-id').fill(calleeId);
  await caller.page.getByRole('button', { name: 'Video call' }).click();
  await caller.page.getByTestId('outgoing').waitFor();
  await callee.page.getByTestId('incoming').waitFor();
  step('ringing');
  await callee.page.getByRole('button', { name: 'Accept' }).click();
  await inCall(caller);
  await inCall(callee);
  report.callId = await caller.page.getByTestId('in-call').getAttribute('data-call-id');

  const calleeSees = await remoteVideoPlaying(callee);
  const callerSees = await remoteVideoPlaying(caller);
  step('both-videos-playing');
  await screenshot(caller, '1-connected');
  await screenshot(callee, '1-connected');
  await compareCountdowns('connected', caller, callee, { running: true });

  // The caller's tab reloads mid-call, within the disconnect grace: the same login from sessionStorage,
  // call:state (not away), call:sync; the callee gets call:peer-resumed and a new connection is made.
  await sleep(1000);
  const reloadStarted = performance.now();
  await caller.page.reload();
  await Promise.race([inCall(caller), caller.page.getByTestId('away').waitFor()]);
  if (await caller.page.getByTestId('away').isVisible()) {
    throw new Error('after the reload the caller was away: the reload took longer than the disconnect grace');
  }
  const calleeAfterReload = await remoteVideoPlaying(callee, calleeSees.streamId);
  await remoteVideoPlaying(caller);
  report.reload = {
    tookMs: Math.round(performance.now() - reloadStarted),
    calleeStreamChanged: calleeAfterReload.streamId !== calleeSees.streamId,
  };
  step('resumed-after-reload');
  await screenshot(caller, '2-after-reload');
  await compareCountdowns('after-reload', caller, callee, { running: true });

  // A soft end: the callee waits (timer paused), the caller rejoins.
  await caller.page.getByRole('button', { name: 'End', exact: true }).click();
  await caller.page.getByTestId('away').waitFor();
  await callee.page.getByTestId('peer-waiting').waitFor();
  step('caller-away');
  await screenshot(callee, '3-waiting');
  await compareCountdowns('paused', caller, callee, { running: false });
  await caller.page.getByRole('button', { name: 'Rejoin' }).click();
  await inCall(caller);
  await callee.page.getByTestId('peer-waiting').waitFor({ state: 'detached' });
  await remoteVideoPlaying(caller);
  await remoteVideoPlaying(callee, calleeAfterReload.streamId);
  step('rejoined');
  await compareCountdowns('after-rejoin', caller, callee, { running: true });
  await sleep(1000);

  // The callee ends it for good.
  await callee.page.getByRole('button', { name: 'End permanently' }).click();
  for (const tab of [caller, callee]) await tab.page.getByTestId('call-result').waitFor();
  step('ended');

  const shownResult = async (tab) => ({
    status: await tab.page.getByTestId('result-status').textContent(),
    reason: await tab.page.getByTestId('result-reason').getAttribute('data-reason'),
    billedSeconds: Number(await tab.page.getByTestId('result-billed').textContent()),
    coinsCharged: Number(await tab.page.getByTestId('result-charged').textContent()),
  });
  const serverCall = (await api(caller, `/api/calls/${report.callId}`)).body;
  const meCaller = (await api(caller, '/api/me')).body;
  const meCallee = (await api(callee, '/api/me')).body;
  // wallet:updated (and the refresh after call:ended) bring the header to the server's balance.
  await waitForText(caller, 'coins', String(meCaller.coins));
  await waitForText(callee, 'earnings', String(meCallee.earnings));
  await screenshot(caller, '4-ended');
  await screenshot(callee, '4-ended');
  report.final = {
    initialCallerCoins: initialCaller.coins,
    shown: { [caller.label]: await shownResult(caller), [callee.label]: await shownResult(callee) },
    server: {
      status: serverCall.status,
      endReason: serverCall.endReason,
      billedSeconds: serverCall.billedSeconds,
      coinsCharged: serverCall.coinsCharged,
      holdCoins: serverCall.holdCoins,
    },
    me: { [caller.label]: meCaller, [callee.label]: meCallee },
    shownBalance: {
      callerCoins: Number(await caller.page.getByTestId('coins').textContent()),
      calleeEarnings: Number(await callee.page.getByTestId('earnings').textContent()),
    },
    sessions: { [caller.label]: (await sessionOf(caller)).userId, [callee.label]: (await sessionOf(callee)).userId },
    videos: { callerSaw: callerSees, calleeSaw: calleeSees },
  };
  step('done');
  report.ok = true;
} catch (error) {
  report.error = `${error.message}`.split('\n').slice(0, 6).join('\n');
  await screenshot(caller, 'failure');
  await screenshot(callee, 'failure');
} finally {
  await browser.close().catch(() => {});
}
process.stdout.write(JSON.stringify(report) + '\n');
