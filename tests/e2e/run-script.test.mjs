// The newcomer's first ten minutes: `./run` on a fresh clone installs what it needs, starts Azurite, the host and
// the Agents Playground, says it is ready; one message sent through the playground gets the bot's answer; Ctrl-C
// (SIGINT to ./run) stops all three and leaves no process behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Stack, repoRoot, freePort, waitUntil, launchChromium, TeamsClient, artifactPath } from './harness.mjs';

/** Every live process whose working directory or command line lies inside `dir`. */
function processesUnder(dir) {
  const found = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cwd.startsWith(dir) || cmd.includes(dir)) found.push(`${pid} ${cmd.trim()}`);
    } catch { /* gone meanwhile */ }
  }
  return found;
}

test('./run from a clean clone: ready, one message answered, Ctrl-C leaves nothing running', { timeout: 900_000 }, async () => {
  const stack = new Stack('run-script');
  const clone = stack.tempDir('clone');
  try {
    const cloned = spawnSync('git', ['clone', '-q', repoRoot, clone], { encoding: 'utf8' });
    assert.equal(cloned.status, 0, cloned.stderr);
    const ports = { BOT_PORT: await freePort(), STORAGE_PORT: await freePort(), PLAYGROUND_PORT: await freePort() };
    const run = stack.spawn('run', './run', [], { cwd: clone, env: Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) });
    await waitUntil('./run to say it is ready', () => run.tail(200).includes('RecoveryBot is ready.'), { timeoutMs: 600_000, intervalMs: 1000, proc: run });
    assert.match(run.tail(200), new RegExp(`open http://localhost:${ports.PLAYGROUND_PORT}`));

    const browser = await launchChromium(stack);
    const alex = await TeamsClient.open(browser, { url: `http://localhost:${ports.PLAYGROUND_PORT}`, currentUser: 'user-id-0' });
    await alex.openChannel('General');
    // A plain post, then the bot addressed in its thread (see TeamsClient.post for why not in a new post).
    const thread = await alex.post('Trying RecoveryBot for the first time.');
    await thread.reply({ mention: 'Test Bot' }, ' help');
    await thread.waitForText('RecoveryBot commands', { timeoutMs: 60_000 });
    await alex.screenshot(artifactPath('run-script-chat.png'));
    await browser.close();

    process.kill(run.pid, 'SIGINT');
    await Promise.race([run.done, new Promise((_, fail) => setTimeout(() => fail(new Error('./run did not exit within 30 s of SIGINT')), 30_000))]);
    // The exit can be seen before the last lines of its output are in the log: give them a moment.
    await waitUntil('./run to say it stopped', () => /Stopped\. Data is kept in \.data\//.test(run.tail(20)), { timeoutMs: 5_000, intervalMs: 100 }).catch(() => {});
    assert.match(run.tail(20), /Stopped\. Data is kept in \.data\//);
    await waitUntil('every process ./run started to be gone', () => processesUnder(clone).length === 0, { timeoutMs: 15_000 });
    assert.deepEqual(processesUnder(clone), []);
  } finally {
    await stack.stop();
  }
});
