// Reusable pieces for RecoveryBot's end-to-end tests: free ports, Azurite, the bot host, Microsoft's Agents
// Playground and headless Debian chromium driven by playwright-core. Every process is started in its own process
// group and registered with a Stack, whose stop() ends the whole group (children included) — call it in an
// after()/finally so that nothing outlives the test, whatever failed.
//
//   const stack = new Stack('teams');                 // logs in artifacts/e2e/logs/teams-<time>/
//   const storage = await startAzurite(stack);
//   const host = await startHost(stack, { storage });
//   const playground = await startPlayground(stack, { botUrl: host.url, currentUser: 'user-id-1' });
//   const browser = await launchChromium(stack);
//   ...
//   await stack.stop();
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, createWriteStream, readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const artifactsDir = join(repoRoot, 'artifacts', 'e2e');
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const isCI = /^(1|true|yes)$/i.test(process.env.CI ?? '');

const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);
export const hostDll = join(repoRoot, 'artifacts', 'bin', 'RecoveryBot.Host', 'debug', 'RecoveryBot.Host.dll');

/** Azurite's well-known development account (public, documented by Microsoft). */
export const devAccount = {
  name: 'devstoreaccount1',
  key: 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
};

/**
 * The users of the playground's default tenant (its built-in .m365agentsplayground.yml). `startPlayground` makes
 * any of them the current user; the others stay members of the group chat and the team.
 */
export const playgroundUsers = [
  ['user-id-0', 'Alex', 'Wilber', 'alexw'],
  ['user-id-1', 'Megan', 'Bowen', 'meganb'],
  ['user-id-2', 'Adele', 'Vance', 'adelev'],
  ['user-id-3', 'Isaiah', 'Langer', 'isaiahl'],
  ['user-id-4', 'Patti', 'Fernandez', 'pattif'],
  ['user-id-5', 'Lynne', 'Robbins', 'lynner'],
].map(([id, given, surname, alias], i) => ({
  id, name: `${given} ${surname}`, givenName: given, surname, userPrincipleName: `${alias}@example.com`,
  email: `${alias}@example.com`, aadObjectId: `00000000-0000-0000-0000-00000000000${20 + i}`,
}));

/** The playground's fixed tenant, bot and team ids (the same as its built-in defaults). */
export const playgroundIds = {
  tenantId: '00000000-0000-0000-0000-0000000000001',
  botId: '00000000-0000-0000-0000-00000000000011',
  botName: 'Test Bot',
  teamId: 'team-id', // also the General channel's id
  announcementsId: 'channel-announcements-id',
};

/** A port nobody listens on right now. */
export async function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls until `probe()` returns a truthy value; throws `what` with the last error after `timeoutMs`. */
export async function waitUntil(what, probe, { timeoutMs = 60_000, intervalMs = 200, proc } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (proc?.exited) throw new Error(`${what}: ${proc.name} exited with ${proc.exitCode ?? proc.signal}; see ${proc.logPath}\n${proc.tail()}`);
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await sleep(intervalMs);
  }
  throw new Error(`${what} did not happen within ${timeoutMs / 1000}s${last ? ` (last error: ${last.message})` : ''}` +
    (proc ? `; see ${proc.logPath}\n${proc.tail()}` : ''));
}

/** Waits until GET `url` answers with a status accepted by `ok` (default: 2xx). */
export function waitForHttp(url, { ok = (s) => s >= 200 && s < 300, ...options } = {}) {
  return waitUntil(`GET ${url}`, async () => {
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    await res.arrayBuffer();
    return ok(res.status);
  }, options);
}

/** Waits until something accepts TCP connections on 127.0.0.1:`port`. */
export function waitForPort(port, options) {
  return waitUntil(`a listener on port ${port}`, () => new Promise((ok) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); ok(true); });
    socket.once('error', () => ok(false));
  }), options);
}

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Owns everything a test starts: processes (each in its own process group), temporary directories and any other
 * cleanup. `stop()` undoes all of it in reverse order and never throws. The groups are also killed if the test
 * process exits or is interrupted first (they do not get the terminal's Ctrl-C: they run in groups of their own).
 */
export class Stack {
  #cleanups = [];
  #procs = new Set();
  #dirs = new Set();
  #onExit = () => {
    for (const p of this.#procs) killGroup(p.pid, 'SIGKILL');
    for (const d of this.#dirs) rmSync(d, { recursive: true, force: true });
  };
  #onSignal = (signal) => {
    this.#onExit();
    this.#unhook();
    process.kill(process.pid, signal);
  };

  constructor(name = 'e2e') {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    this.name = name;
    this.logDir = join(artifactsDir, 'logs', `${name}-${stamp}`);
    mkdirSync(this.logDir, { recursive: true });
    process.on('exit', this.#onExit);
    for (const s of signals) process.on(s, this.#onSignal);
  }

  #unhook() {
    process.off('exit', this.#onExit);
    for (const s of signals) process.off(s, this.#onSignal);
  }

  /** Registers a cleanup (run by stop(), last added first). */
  defer(fn) { this.#cleanups.push(fn); return fn; }

  /** A fresh temporary directory, removed by stop(). */
  tempDir(prefix) {
    const dir = mkdtempSync(join(tmpdir(), `rb-${prefix}-`));
    this.#dirs.add(dir);
    this.defer(() => { rmSync(dir, { recursive: true, force: true, maxRetries: 3 }); this.#dirs.delete(dir); });
    return dir;
  }

  /**
   * Starts `command args` in a new process group with stdout/stderr in `<logDir>/<name>.log`. The result has
   * pid, name, logPath, exited, exitCode, tail() (last lines of the log) and stop() (TERM the group, then KILL).
   */
  spawn(name, command, args, { cwd = repoRoot, env = {} } = {}) {
    const logPath = join(this.logDir, `${name}.log`);
    const log = createWriteStream(logPath, { flags: 'a' });
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const proc = {
      name, pid: child.pid, logPath, exited: false, exitCode: null, signal: null, child,
      tail: (lines = 30) => {
        try { return readFileSync(logPath, 'utf8').split('\n').slice(-lines).join('\n'); } catch { return ''; }
      },
      stop: () => stopProcess(proc),
    };
    proc.done = new Promise((ok) => child.once('exit', (code, signal) => {
      proc.exited = true; proc.exitCode = code; proc.signal = signal; this.#procs.delete(proc);
      ok();
    }));
    // The exit can come before the last output is read: the log ends when the child's output has (not 50 ms after).
    child.once('close', () => log.end());
    child.once('error', (e) => { log.write(`spawn error: ${e.message}\n`); proc.exited = true; proc.exitCode = -1; this.#procs.delete(proc); });
    this.#procs.add(proc);
    this.defer(() => proc.stop());
    return proc;
  }

  /** Stops everything; the processes' logs stay in logDir when `keepLogs` (say, when a test failed). */
  async stop({ keepLogs = true } = {}) {
    while (this.#cleanups.length) {
      const fn = this.#cleanups.pop();
      try { await fn(); } catch (e) { console.error(`cleanup failed: ${e.message}`); }
    }
    for (const p of this.#procs) killGroup(p.pid, 'SIGKILL');
    this.#unhook();
    if (!keepLogs) rmSync(this.logDir, { recursive: true, force: true });
  }
}

function killGroup(pid, signal) {
  try { process.kill(-pid, signal); return true; } catch { return false; }
}

/** Ends a process group: SIGTERM, up to 5 s of grace, then SIGKILL. Idempotent. */
export async function stopProcess(proc, { graceMs = 5_000 } = {}) {
  if (!proc.exited) killGroup(proc.pid, 'SIGTERM');
  const timer = sleep(graceMs).then(() => 'timeout');
  if (!proc.exited && (await Promise.race([proc.done, timer])) === 'timeout') killGroup(proc.pid, 'SIGKILL');
  await proc.done;
  // The group may outlive its leader (a child that ignored TERM): make sure it is gone.
  killGroup(proc.pid, 'SIGKILL');
}

/** Azurite's Table service on a free port with its data in a temporary directory. */
export async function startAzurite(stack, { port } = {}) {
  port ??= await freePort();
  const location = stack.tempDir('azurite');
  const proc = stack.spawn('azurite', bin('azurite-table'), [
    '--tableHost', '127.0.0.1', '--tablePort', String(port), '--location', location,
    '--disableTelemetry', '--skipApiVersionCheck', '--silent',
  ]);
  await waitForPort(port, { timeoutMs: 30_000, proc });
  const tableEndpoint = `http://127.0.0.1:${port}/${devAccount.name}`;
  return {
    proc, port, tableEndpoint,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${devAccount.name};AccountKey=${devAccount.key};TableEndpoint=${tableEndpoint};`,
    stop: () => proc.stop(),
  };
}

/** Builds the host once if its debug output is missing (./test builds the whole solution first, so usually not). */
export function ensureHostBuilt() {
  if (existsSync(hostDll)) return;
  const build = spawnSync('dotnet', ['build', 'src/RecoveryBot.Host', '--nologo', '-v', 'quiet', '-c', 'Debug'],
    { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (build.status !== 0 || !existsSync(hostDll)) {
    throw new Error(`dotnet build src/RecoveryBot.Host failed (${build.status}):\n${build.stdout}\n${build.stderr}`);
  }
}

/** A table prefix no other run uses (letters and digits, as Azure table names require). */
export const uniquePrefix = (base = 'e2e') => `${base}${randomBytes(4).toString('hex')}`;

/**
 * The bot host (artifacts/bin/RecoveryBot.Host/debug) with Teams authentication off, against `storage`, on a free
 * port; resolves once GET /readyz answers 200. `env` adds or overrides configuration (e.g. Scheduler__Enabled).
 */
export async function startHost(stack, { storage, port, tablePrefix = uniquePrefix(), env = {}, name = 'host' }) {
  ensureHostBuilt();
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = stack.spawn(name, 'dotnet', [hostDll], {
    cwd: stack.tempDir('host'),
    env: {
      ASPNETCORE_ENVIRONMENT: 'Development',
      ASPNETCORE_URLS: url,
      DOTNET_NOLOGO: '1',
      DOTNET_CLI_TELEMETRY_OPTOUT: '1',
      Teams__Authentication: 'None',
      Storage__ConnectionString: storage.connectionString,
      Storage__TablePrefix: tablePrefix,
      Web__PublicBaseUrl: url,
      ...env,
    },
  });
  await waitForHttp(`${url}/readyz`, { timeoutMs: 90_000, proc });
  return { proc, port, url, tablePrefix, messagesUrl: `${url}/api/messages`, stop: () => proc.stop() };
}

/** The playground's config file for `currentUser` (an id from playgroundUsers), with fixed chat ids. */
export function playgroundConfig({ currentUser = 'user-id-0', personalChatId, groupChatId = 'group-chat-id' } = {}) {
  const me = playgroundUsers.find((u) => u.id === currentUser);
  if (!me) throw new Error(`unknown playground user ${currentUser}`);
  const user = (u, indent) => Object.entries(u).map(([k, v], i) => `${i === 0 ? `${indent}- ` : `${indent}  `}${k}: ${v}`).join('\n');
  const fields = (u) => Object.entries(u).map(([k, v]) => `  ${k}: ${v}`).join('\n');
  return `version: "0.1.1"
tenantId: ${playgroundIds.tenantId}
bot:
  id: ${playgroundIds.botId}
  name: ${playgroundIds.botName}
currentUser:
${fields(me)}
users:
${playgroundUsers.filter((u) => u !== me).map((u) => user(u, '  ')).join('\n')}
personalChat:
  id: ${personalChatId ?? `personal-chat-${me.id}`}
groupChat:
  id: ${groupChatId}
  name: Group Chat
team:
  id: ${playgroundIds.teamId}
  name: My Team
  aadGroupId: 00000000-0000-0000-0000-000000000031
  channels:
    - id: ${playgroundIds.announcementsId}
      name: Announcements
`;
}

export const playgroundBin = bin('agentsplayground');

/**
 * Microsoft's Agents Playground (msteams channel) on `port` (a free one by default) talking to `botUrl`, run in a
 * temporary working directory holding its .m365agentsplayground.yml, so `currentUser` picks who "you" are.
 * Restarting it on the same port keeps the bot's stored serviceUrl valid for proactive posts.
 */
export async function startPlayground(stack, { botUrl, port, currentUser = 'user-id-0', config, name } = {}) {
  if (!existsSync(playgroundBin)) {
    throw new Error(`The Agents Playground is not installed (${playgroundBin} is missing); run npm ci in ${repoRoot}.`);
  }
  port ??= await freePort();
  const cwd = stack.tempDir('playground');
  const configPath = join(cwd, '.m365agentsplayground.yml');
  writeFileSync(configPath, config ?? playgroundConfig({ currentUser }));
  const proc = stack.spawn(name ?? `playground-${currentUser}-${port}`, playgroundBin,
    ['-e', botUrl.endsWith('/api/messages') ? botUrl : `${botUrl}/api/messages`, '-c', 'msteams', '-p', String(port), '--dt'], {
      cwd,
      env: {
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: join(cwd, 'playground.log'),
        TEAMSAPPTESTER_BROWSER: 'none',
        NO_COLOR: '1',
      },
    });
  const url = `http://localhost:${port}`;
  await waitForHttp(`${url}/`, { timeoutMs: 60_000, proc });
  return { proc, port, url, currentUser, serviceUrl: `${url}/_connector`, stop: () => proc.stop() };
}

/** Fails with a clear message when Debian's chromium is missing (never a silent skip). */
export function requireChromium() {
  if (existsSync(chromiumPath)) return chromiumPath;
  const how = 'install it with `apt-get update && apt-get install -y chromium` (./test does this as root)';
  throw new Error(`${isCI ? 'CI: ' : ''}Debian's chromium is missing at ${chromiumPath}; ${how}. The end-to-end tests need a real browser.`);
}

export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
  // Several clients run in tabs of one browser: background tabs must not be throttled (seconds per keystroke).
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'];

/**
 * Headless Debian chromium through playwright-core, with a fresh user-data dir. Returns the persistent browser
 * context; it is closed (and its process group killed) by stack.stop().
 */
export async function launchChromium(stack, { viewport = { width: 1400, height: 1000 }, ...options } = {}) {
  requireChromium();
  const { chromium } = await import('playwright-core');
  const userDataDir = stack.tempDir('chromium');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath, headless: true, args: chromiumArgs, viewport, ...options,
  });
  stack.defer(() => context.close().catch(() => {}));
  return context;
}

/** A file under artifacts/e2e/ (directories created). */
export function artifactPath(...parts) {
  const path = join(artifactsDir, ...parts);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

/**
 * One person's Teams client: a browser page on a playground started for that person. Waits are on visible text
 * and roles (the playground's class names are generated), each with a timeout.
 *
 *   const alex = await TeamsClient.open(browser, playground);
 *   await alex.openChannel('General');
 *   const thread = await alex.post({ mention: 'Test Bot' }, ' gap Sales reps cannot send quotes');
 *   await thread.waitForText('G-1 logged by Alex Wilber');
 */
export class TeamsClient {
  static defaultTimeoutMs = 20_000;
  #posted = new Set();

  constructor(page, playground, user) {
    this.page = page;
    this.playground = playground;
    this.user = user;
  }

  /** Opens the playground in a new page of `context` and waits for its navigation tree. */
  static async open(context, playground, { timeoutMs = 60_000 } = {}) {
    const page = await context.newPage();
    await page.bringToFront();
    page.setDefaultTimeout(TeamsClient.defaultTimeoutMs);
    const user = playgroundUsers.find((u) => u.id === playground.currentUser);
    await page.goto(playground.url, { timeout: timeoutMs });
    await page.getByRole('treeitem', { name: 'My Team - General' }).waitFor({ timeout: timeoutMs });
    // The signed-in user is shown in the header: proof that the playground runs as this person.
    await page.getByText(user.name, { exact: true }).first().waitFor({ timeout: timeoutMs });
    return new TeamsClient(page, playground, user);
  }

  /** Selects a channel of "My Team" (General, Announcements). */
  async openChannel(name = 'General') {
    await this.activate();
    await this.page.getByRole('treeitem', { name: `My Team - ${name}` }).click();
    await this.page.getByRole('textbox').first().waitFor();
  }

  /** Selects the personal chat with the bot or the group chat. */
  async openChat(name = 'Personal Chat') {
    await this.activate();
    await this.page.getByRole('treeitem', { name }).click();
    await this.page.getByRole('textbox').first().waitFor();
  }

  /**
   * Opens the personal chat with the bot (where its proactive 1:1 messages arrive) and returns it as a Thread: the
   * innermost element holding both the bot's messages and the message box.
   */
  async personalChat() {
    await this.openChat('Personal Chat');
    const pane = this.page.locator('div')
      .filter({ has: this.page.locator('.fai-OutputCard') })
      .filter({ has: this.page.getByRole('textbox') })
      .last();
    await pane.waitFor();
    return new Thread(this, pane);
  }

  /**
   * Starts a new post in the open channel (or sends a message in the open chat) by typing into the first message
   * box; `parts` are text or `{ mention: 'Display Name' }`. Returns the post's thread (in a chat: the page).
   *
   * Talk to the bot in replies to a post (Thread.reply), not in new posts: the playground (0.2.28) drops the
   * bot's answer to a new post when it arrives before the page has processed the post's own HTTP response (its
   * client then does not know the post's conversation yet), which happens for fast answers on a busy machine.
   * In an existing thread the conversation is known, so no answer is lost.
   */
  async post(...parts) {
    const shown = shownText(parts);
    if (this.#posted.has(shown)) throw new Error(`"${shown}" was already posted in ${this.user.name}'s client; make each post unique`);
    this.#posted.add(shown);
    await this.activate();
    await this.compose(this.page.getByRole('textbox').first(), parts);
    const thread = new Thread(this, this.page.locator('[role=group].fui-Card').filter({ hasText: shown }).first());
    await thread.locator.waitFor();
    return thread;
  }

  /**
   * Types `parts` into `box` as a person would — text typed, people picked from the @ list, so the playground
   * sends real `mention` entities — checks that the box reads as intended, and sends it with Enter.
   */
  async compose(box, parts) {
    const shown = shownText(parts);
    await this.activate();
    await box.click();
    for (const part of parts) {
      if (typeof part === 'string') await this.page.keyboard.type(part);
      else await this.mention(part.mention);
    }
    // Never send something else than intended (e.g. a mention picked from a list that moved under the click).
    const typed = (await box.innerText()).replace(/\s+/g, ' ').trim();
    if (typed !== shown) throw new Error(`${this.user.name}'s message box reads "${typed}" instead of "${shown}"`);
    await this.page.keyboard.press('Enter');
    await waitUntil(`${this.user.name}'s message box to empty after sending`, async () => (await box.innerText()).trim() === '',
      { timeoutMs: TeamsClient.defaultTimeoutMs, intervalMs: 100 });
  }

  /**
   * Types `@` and the person's first name, waits until the typeahead lists only matching people (it filters as
   * you type, and items move while it does), then picks the person.
   */
  async mention(name) {
    const first = name.split(' ')[0];
    await this.page.keyboard.type(`@${first}`);
    const items = this.page.getByRole('menuitem');
    await waitUntil(`the @ list in ${this.user.name}'s client to show only ${first}…`, async () => {
      const shown = await items.allInnerTexts();
      return shown.length > 0 && shown.every((t) => t.includes(first)) && shown.some((t) => t.includes(name));
    }, { timeoutMs: TeamsClient.defaultTimeoutMs, intervalMs: 100 });
    await items.filter({ hasText: name }).first().click();
  }

  /** Brings this client's page to the front: chromium throttles timers in background tabs (seconds per keystroke). */
  async activate() {
    await this.page.bringToFront();
  }

  /**
   * Saves a screenshot of the whole conversation. The playground scrolls its message list inside the page, so
   * the viewport is made tall enough for the longest scrolled panel first (up to `maxHeight`), then restored.
   */
  async screenshot(path, { maxHeight = 8000 } = {}) {
    await this.activate();
    const viewport = this.page.viewportSize();
    const hidden = await this.page.evaluate(() => Math.max(0, ...[...document.querySelectorAll('*')]
      .filter((e) => /(auto|scroll)/.test(getComputedStyle(e).overflowY))
      .map((e) => e.scrollHeight - e.clientHeight)));
    if (viewport && hidden > 0) await this.page.setViewportSize({ width: viewport.width, height: Math.min(maxHeight, viewport.height + hidden) });
    try {
      await this.page.screenshot({ path, fullPage: true });
    } finally {
      if (viewport && hidden > 0) await this.page.setViewportSize(viewport);
    }
    return path;
  }
}

const shownText = (parts) => parts.map((p) => (typeof p === 'string' ? p : p.mention)).join('').replace(/\s+/g, ' ').trim();

/** A channel post and the replies under it. */
export class Thread {
  constructor(client, locator) {
    this.client = client;
    this.locator = locator;
  }

  /** Replies in this thread (its "Type a message..." box); `parts` as for TeamsClient.post. */
  async reply(...parts) {
    await this.client.compose(this.locator.getByRole('textbox').last(), parts);
  }

  /** Waits until `text` (a substring or RegExp) is visible in this thread; returns its locator. */
  async waitForText(text, { timeoutMs = TeamsClient.defaultTimeoutMs } = {}) {
    const found = this.locator.getByText(text).last();
    try {
      await found.waitFor({ state: 'visible', timeout: timeoutMs });
    } catch (e) {
      const seen = (await this.locator.innerText().catch(() => '')).replace(/\s+/g, ' ');
      throw new Error(`${this.client.user.name}'s client: "${text}" did not appear within ${timeoutMs / 1000}s. The thread shows: ${seen}`, { cause: e });
    }
    return found;
  }

  /** The rendered Adaptive Card in this thread that contains `text`. */
  card(text) {
    return this.locator.locator('.ac-adaptiveCard').filter({ hasText: text }).first();
  }

  /** Clicks the card button named `name` (the newest one in this thread). */
  async click(name) {
    await this.client.activate();
    const button = this.locator.getByRole('button', { name, exact: true }).last();
    await button.waitFor({ state: 'visible' });
    await button.click();
  }

  async text() {
    return (await this.locator.innerText()).replace(/\s+/g, ' ');
  }
}
