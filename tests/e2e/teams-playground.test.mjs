// End to end in Teams: Azurite + the bot host + Microsoft's Agents Playground (the real local Teams emulator,
// @microsoft/m365agentsplayground, pinned in package.json) + headless Debian chromium driven by playwright-core.
//
// Several people. RecoveryBot's rules need four different people (lead ≠ approver, owner ≠ retester; only the
// retester may click Works; only the approver may sign off), but a playground has exactly one signed-in user,
// fixed at start from the .m365agentsplayground.yml in its working directory (`currentUser`; there is no way to
// switch user in its UI or API). So each person gets their own playground — their own Teams client — started
// in a temp directory whose yml makes them the current user, all with the playground's fixed tenant, bot and
// team ids ("team-id" is also the General channel's id). Each client posts in the General channel of the same
// team, so the bot sees one conversation (`team-id;messageid=<post>`, the thread suffix is stripped) and keeps
// one recovery for all four, in its storage; it answers each client at the serviceUrl of that client's activity.
// (Restarting one playground with another currentUser between steps works the same way — the channel id is fixed
// — but also starts each person with an empty client, and runs serially; four clients side by side are faster
// and leave one screenshot per person.)
//
// What each person does goes through the playground's UI exactly as a person would: each opens a thread in
// General with a plain post and writes to the bot in replies there (@mentioning it, as Teams requires in a
// channel); people (and the bot) are @mentioned by picking them from the message box's @ list, so the playground
// sends real `mention` entities, which the bot turns into `<@user-id|Name>`; decisions are clicks on the
// Adaptive Cards the bot rendered in that person's client. One limit of the emulator: a client shows only what
// happened in it (there is no shared channel history across playground processes), so the retest card posted
// in the owner's client after `ready` is not in the retester's; the retester opens the item with `show G-1`,
// and the bot renders her the same "Works in my normal day" button because she is the retester (the approver
// likewise gets "Sign off"). The owner clicks Works on the real retest card first and is refused — as is the
// lead on the reset plan's Approve — which proves that role checks hold for clicks, not only typed commands.
// A typed `<@user-id|Name>` (no mention entity) is refused too: identity comes from entities only.
//
// Checks: the bot's replies as rendered in each client, then the stored state both through the bot's own
// summary link (the CSV export it points to) and straight from Azurite's tables. Screenshots of every client
// are saved under artifacts/e2e/ (teams-playground.png shows all four side by side).
//
// A missing browser or playground fails the run with a message that says how to install it (never a skip).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TableClient } from '@azure/data-tables';
import {
  Stack, TeamsClient, artifactPath, artifactsDir, launchChromium, playgroundBin, playgroundUsers, requireChromium,
  startAzurite, startHost, startPlayground,
} from './harness.mjs';

const person = (name) => playgroundUsers.find((u) => u.name === name);
const people = {
  lead: person('Alex Wilber'),
  owner: person('Megan Bowen'),
  retester: person('Adele Vance'),
  approver: person('Patti Fernandez'),
};
const bot = { mention: 'Test Bot' };
const at = (user) => ({ mention: user.name });

describe('Teams channel in the Agents Playground', { timeout: 240_000 }, () => {
  const stack = new Stack('teams-playground');
  let storage;
  let host;
  let browser;
  /** @type {Record<keyof people, TeamsClient>} */
  const clients = {};
  let failed = false;

  before(async () => {
    try {
      for (const f of readdirSync(artifactsDir)) if (/^(failed-)?teams-playground.*\.png$/.test(f)) rmSync(join(artifactsDir, f));
      requireChromium();
      if (!existsSync(playgroundBin)) {
        throw new Error(`The Agents Playground is missing (${playgroundBin}); run \`npm ci\` in the repository root.`);
      }
      storage = await startAzurite(stack);
      // The scheduler stays off: a check-in falling due mid-run would be a post nobody asked for.
      host = await startHost(stack, { storage, env: { Scheduler__Enabled: 'false' } });
      const [playgrounds, context] = await Promise.all([
        Promise.all(Object.values(people).map((u) => startPlayground(stack, { botUrl: host.url, currentUser: u.id }))),
        launchChromium(stack, { viewport: { width: 1280, height: 1000 } }),
      ]);
      browser = context;
      const roles = Object.keys(people);
      const opened = await Promise.all(playgrounds.map((p) => TeamsClient.open(browser, p)));
      for (const [i, role] of roles.entries()) clients[role] = opened[i];
      for (const client of opened) await client.openChannel('General');
    } catch (e) {
      failed = true;
      throw e;
    }
  });

  after(async () => {
    try {
      const shots = [];
      for (const [role, client] of Object.entries(clients)) {
        const name = `${failed ? 'failed-' : ''}teams-playground-${role}.png`;
        shots.push([`${client.user.name} (${role})`, await client.screenshot(artifactPath(name)).catch(() => null)]);
      }
      if (browser && shots.every(([, p]) => p)) await sideBySide(browser, shots, artifactPath(`${failed ? 'failed-' : ''}teams-playground.png`));
    } finally {
      await stack.stop({ keepLogs: failed || Boolean(process.env.E2E_KEEP_LOGS) });
      if (failed) console.error(`Logs of the bot, Azurite and each playground: ${stack.logDir}`);
    }
  });

  /** Steps run in order; after a failure the rest are reported as skipped (the failure itself fails the run). */
  const step = (name, fn) => test(name, async (t) => {
    if (failed) { t.skip('an earlier step failed'); return; }
    try { await fn(t); } catch (e) { failed = true; throw e; }
  });

  // Each person opens a thread in General with a plain post (not addressed to the bot) and talks to the bot in
  // replies there, as people do in Teams channels (see TeamsClient.post for why not in new posts).
  const threads = {};
  const threadIn = async (role, opener) => (threads[role] ??= await clients[role].post(opener));

  step('the lead starts a recovery in the channel and names the approver', async () => {
    const thread = await threadIn('lead', 'Quotes rollout went wrong: recovery starts here.');
    await thread.reply(bot, ' start Quotes rollout tz Europe/Berlin');
    await thread.waitForText('Recovery "Quotes rollout" started by Alex Wilber (lead), time zone Europe/Berlin.');

    // A person typed as text is not a mention: the playground sends `<@id|Name>` verbatim, with no entity.
    await thread.reply(bot, ` approver <@${people.approver.id}|${people.approver.name}>`);
    await thread.waitForText('Mention the approver with @');

    await thread.reply(bot, ' approver ', at(people.approver));
    await thread.waitForText('Patti Fernandez is now the approver of "Quotes rollout"');
  });

  step('the approver, the owner and the retester each talk to the bot in the channel, so it knows where to reach them', async () => {
    // Teams tells a bot where a person is (their Connector endpoint) only in that person's own activities; each
    // playground is its own endpoint here, as each region is in Teams.
    for (const [role, opener] of [['approver', 'Client side: decisions for the quotes rollout.'],
      ['owner', 'G-1 (quotes from mobile) will be mine.'], ['retester', 'Retesting the quotes fix from my phone.']]) {
      const thread = await threadIn(role, opener);
      await thread.reply(bot, ' mine');
      await thread.waitForText(/Nothing waits for you/);
    }
  });

  step('the lead reports a gap and assigns it to the owner', async () => {
    const thread = threads.lead;
    await thread.reply(bot, ' gap Sales reps cannot send quotes from mobile');
    await thread.waitForText('G-1 logged by Alex Wilber: Sales reps cannot send quotes from mobile.');
    await thread.card('G-1 Sales reps cannot send quotes from mobile').waitFor();

    await thread.reply(bot, ' assign G-1 ', at(people.owner), ' fri');
    await thread.waitForText(/G-1 → Megan Bowen, due \w{3} \d{1,2} \w{3} \d{4}\. One owner, one date\./);
  });

  step('the lead proposes the reset plan: the channel card has no Approve for him, and typing it is refused', async () => {
    const thread = threads.lead;
    await thread.reply(bot, ' plan');
    const waiting = await thread.waitForText('CR-1: Reset plan for "Quotes rollout" — waiting for Patti Fernandez.');
    // The approver is a real mention: the bot sends `<at>Patti Fernandez</at>` with its mention entity, which the
    // playground draws as an element of its own (plain text stays in the paragraph).
    assert.equal(await waiting.locator('span', { hasText: 'Patti Fernandez' }).count(), 1);
    // Posted to the channel, the card carries only what anyone may press; Approve is in the approver's own view
    // (Teams asks for it through the card's refresh; the playground does not, so she gets it in her 1:1 chat).
    const card = thread.card('Reset plan CR-1');
    await card.waitFor();
    assert.equal(await card.getByRole('button', { name: 'Approve', exact: true }).count(), 0);
    await thread.reply(bot, ' approve CR-1');
    await thread.waitForText('Only the approver, Patti Fernandez, can approve');

    // A click the UI never offers him, forged as the playground sends an Action.Execute (an `adaptiveCard/action`
    // invoke from his client's connector): refused in the invoke response with the approver's name, nothing stored.
    const forged = await fetch(host.messagesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke', name: 'adaptiveCard/action', id: 'forged-approve-1', channelId: 'msteams',
        serviceUrl: clients.lead.playground.serviceUrl,
        from: { id: people.lead.id, name: people.lead.name },
        recipient: { id: '00000000-0000-0000-0000-00000000000011', name: 'Test Bot' },
        conversation: { isGroup: true, conversationType: 'channel', tenantId: '00000000-0000-0000-0000-0000000000001', id: 'team-id' },
        channelData: { tenant: { id: '00000000-0000-0000-0000-0000000000001' }, team: { id: 'team-id' }, channel: { id: 'team-id' } },
        value: { action: { type: 'Action.Execute', verb: 'approve', data: { rb: 'approve', cr: 1, rev: 0, card: 'change' } }, trigger: 'manual' },
      }),
    });
    assert.equal(forged.status, 200);
    const answer = await forged.json();
    assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive');
    assert.ok(JSON.stringify(answer.value).includes('Only the approver, Patti Fernandez, can approve.'), JSON.stringify(answer));
    assert.ok(!JSON.stringify(answer.value).includes('"title":"Approve"'), 'the refused card offers him no Approve');
    const table = TableClient.fromConnectionString(storage.connectionString, `${host.tablePrefix}recoveries`, { allowInsecureConnection: true });
    const changes = [];
    for await (const e of table.listEntities()) if (e.rowKey.startsWith('cr|')) changes.push(e);
    assert.deepEqual(changes.map((c) => c.State), ['Pending'], 'CR-1 still waits for the approver');
  });

  step("the approver gets the plan in her 1:1 chat, approves it there, and the lead's channel card shows the decision", async () => {
    const chat = await clients.approver.personalChat();
    // A proactive 1:1 (POST /v3/conversations): her own view of the card, with the buttons of her role.
    await chat.waitForText('Alex Wilber asks for your decision on CR-1 in "Quotes rollout" (also posted in its channel).');
    await chat.card('Reset plan CR-1').getByRole('button', { name: 'Approve', exact: true }).waitFor();
    await chat.click('Approve');
    await chat.waitForText(/^Approved by Patti Fernandez on /);
    // The card first posted in the lead's channel thread is updated in place (a PUT to the message), without buttons.
    const lead = threads.lead;
    await lead.waitForText(/^Approved by Patti Fernandez on /);
    assert.equal(await lead.card('Approved by Patti Fernandez').getByRole('button').count(), 0);
    await clients.approver.openChannel('General');
  });

  step('the owner starts work from the item card and marks the fix ready for the retester', async () => {
    const thread = threads.owner;
    await thread.reply(bot, ' show G-1');
    await thread.card('Start work').waitFor();
    await thread.click('Start work');
    await thread.waitForText(/G-1 is in progress \(Megan Bowen, due /);

    await thread.reply(bot, ' ready G-1 retest ', at(people.retester), ' today');
    await thread.waitForText(/G-1 fix ready\. Adele Vance retests it on /);
    // The channel's retest card asks Adele by name; its verdict buttons are hers alone, in her own view.
    const card = thread.card('Does G-1 work in your normal day?');
    await card.waitFor();
    assert.equal(await card.getByRole('button', { name: 'Works in my normal day', exact: true }).count(), 0);
  });

  step("the retester answers Works from her 1:1 chat, and the owner's channel card says who answered", async () => {
    const chat = await clients.retester.personalChat();
    await chat.waitForText('Megan Bowen marked the fix for G-1 ready: please retest it by');
    await chat.card('Does G-1 work in your normal day?').getByRole('button', { name: 'Works in my normal day', exact: true }).waitFor();
    await chat.click('Works in my normal day');
    await chat.waitForText(/^Works in a normal day — answered by Adele Vance on /);
    // Every copy of the retest card shows the verdict: the one in the owner's thread changed in place, no buttons left.
    const owner = threads.owner;
    await owner.waitForText(/^Works in a normal day — answered by Adele Vance on /);
    assert.equal(await owner.card('answered by Adele Vance').getByRole('button').count(), 0);
    await clients.retester.openChannel('General');
  });

  step('the approver signs the item off from its card', async () => {
    const thread = threads.approver;
    await thread.reply(bot, ' show G-1');
    await thread.card('Sign off').waitFor();
    await thread.click('Sign off');
    await thread.waitForText('G-1 signed off by Patti Fernandez and closed: Sales reps cannot send quotes from mobile.');
  });

  step("the summary link's CSV shows the item closed, with its owner and the retester who verified it", async () => {
    const thread = threads.approver;
    await thread.reply(bot, ' summary');
    const reply = await thread.waitForText('One-page summary of "Quotes rollout"');
    const link = (await reply.innerText()).match(/https?:\/\/\S+\/summary\?sig=[\w.-]+/)?.[0];
    assert.ok(link?.startsWith(host.url), `the summary reply carries a link to the host: ${await reply.innerText()}`);

    const page = await fetch(link);
    assert.equal(page.status, 200);
    const html = await page.text();
    const csvHref = html.match(/href="([^"]*gaps\.csv\?sig=[^"]+)"/)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(csvHref, 'the summary page links to gaps.csv');
    const csv = await fetch(new URL(csvHref, link));
    assert.equal(csv.status, 200);
    const rows = parseCsv(await csv.text());
    const header = rows[0];
    const g1 = Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r[0] === 'G-1')?.[i]]));
    assert.equal(g1.status, 'closed');
    assert.equal(g1.owner, 'Megan Bowen');
    assert.equal(g1.retester, 'Adele Vance');
    assert.equal(g1.verified_by, 'Adele Vance');
    assert.equal(g1.reporter, 'Alex Wilber');
    assert.ok(g1.closed_at, 'closed_at is set');
  });

  step("Azurite's tables hold one recovery for the channel, with each change made by the right person", async () => {
    const table = TableClient.fromConnectionString(storage.connectionString, `${host.tablePrefix}recoveries`, { allowInsecureConnection: true });
    const rows = [];
    for await (const e of table.listEntities()) rows.push(e);
    const recoveries = rows.filter((e) => e.rowKey === 'recovery');
    assert.equal(recoveries.length, 1, 'the four clients share one recovery');
    const recovery = recoveries[0];
    assert.equal(recovery.Phase, 'Recovery', 'the reset plan was approved');
    assert.equal(userId(recovery.Lead), people.lead.id);
    assert.equal(userId(recovery.Approver), people.approver.id);

    const gap = rows.find((e) => e.rowKey.startsWith('g|'));
    assert.equal(gap.Status, 'Closed');
    assert.equal(userId(gap.Owner), people.owner.id);
    assert.equal(userId(gap.Retester), people.retester.id);
    assert.equal(userId(gap.VerifiedBy), people.retester.id);
    assert.equal(userId(gap.Reporter), people.lead.id);

    // History: every status change of G-1, oldest first, with who made it.
    const changes = rows.filter((e) => e.rowKey.startsWith('h|') && e.Gap === 1 && e.What === 'status')
      .sort((a, b) => String(b.rowKey).localeCompare(String(a.rowKey)))
      .map((e) => `${e.From}→${e.To} by ${userId(e.Actor)}`);
    assert.deepEqual(changes.map((c) => c.split(' by ')[1]), [
      people.lead.id, // open → planned (assign)
      people.owner.id, // planned → in progress (Start work)
      people.owner.id, // in progress → fix ready
      people.retester.id, // fix ready → verified (Works)
      people.approver.id, // verified → closed (Sign off)
    ], changes.join('; '));
  });

  step('user text shows as typed, and no HTML entity is visible anywhere in any client', async () => {
    const thread = threads.lead;
    await thread.reply(bot, ' help');
    await thread.waitForText('help <command>');
    await thread.reply(bot, ' asign G-1');
    await thread.waitForText(/Did you mean/);
    const title = '<b>bold</b> *x* _y_ <https://a.example|b> <!channel> & [l](http://c.example) done';
    await thread.reply(bot, ` gap ${title}`);
    await thread.waitForText(`G-2 logged by Alex Wilber: ${title}.`);
    await thread.card(`G-2 ${title}`).waitFor();
    await clients.lead.screenshot(artifactPath('teams-playground-literal.png'));
    // What each person sees: their whole thread, every message and card of the bot in it (the playground's log
    // panel is left out: it lists raw activities for developers, not the conversation).
    // The approver's and the retester's 1:1 chats are read the same way, after the channel threads.
    const views = [...Object.entries(threads).map(([role, thread]) => [role, () => thread]),
      ['approver (1:1)', () => clients.approver.personalChat()], ['retester (1:1)', () => clients.retester.personalChat()]];
    for (const [role, open] of views) {
      const thread = await open();
      const shown = await thread.locator.innerText();
      assert.ok(['RecoveryBot', 'G-1', 'CR-1', 'Nothing waits for you'].some((t) => shown.includes(t)), `${role}'s thread shows the bot's replies`);
      for (const entity of ['&lt;', '&gt;', '&amp;', '&quot;', '&#']) {
        assert.ok(!shown.includes(entity), `${role}'s client shows "${entity}" literally: …${shown.slice(Math.max(0, shown.indexOf(entity) - 80), shown.indexOf(entity) + 40)}…`);
      }
    }
    for (const client of [clients.approver, clients.retester]) await client.openChannel('General');
  });

  step('"Log as gap" on a message opens the gap form with its text and logs it in the recovery', async () => {
    const thread = threads.lead;
    const page = clients.lead.page;
    // The playground's message actions: "…" on a message → Action Command → the command id, as the manifest names it.
    await thread.locator.getByRole('button', { name: 'Show more information' }).first().click();
    await page.getByRole('menuitem', { name: 'Action Command' }).click();
    const ask = page.getByRole('dialog');
    await ask.getByRole('textbox').fill('logAsGap');
    await ask.getByRole('button', { name: 'Create' }).click();
    const form = page.getByRole('dialog').filter({ hasText: 'Report a gap' });
    await form.waitFor();
    const title = form.getByRole('textbox', { name: /What is the problem/ });
    assert.equal(await title.inputValue(), 'Quotes rollout went wrong: recovery starts here.');
    await title.fill('Quote PDFs are blank on mobile');
    await form.getByRole('button', { name: 'Report', exact: true }).click();
    await page.getByText('G-3 logged by Alex Wilber: Quote PDFs are blank on mobile.').first().waitFor();
    await page.locator('.ac-adaptiveCard').filter({ hasText: 'G-3 Quote PDFs are blank on mobile' }).first().waitFor();
    await clients.lead.screenshot(artifactPath('teams-playground-log-as-gap.png'));
  });
});

/** The id in a stored user column ({"Id":…,"Name":…}). */
function userId(json) {
  const user = typeof json === 'string' ? JSON.parse(json) : json;
  return user?.Id ?? user?.id;
}

/** RFC 4180 CSV → rows of cells. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** One image with every client's screenshot side by side, captioned. */
async function sideBySide(context, shots, path) {
  const page = await context.newPage();
  const cells = shots.map(([caption, file]) =>
    `<figure><figcaption>${caption}</figcaption><img src="data:image/png;base64,${readFileSync(file).toString('base64')}"></figure>`).join('');
  await page.setViewportSize({ width: 4 * 960 + 5 * 8, height: 1000 });
  await page.setContent(`<style>body{margin:0;padding:8px;display:flex;align-items:flex-start;gap:8px;background:#ccc;font:22px sans-serif}
    figure{margin:0;width:960px;background:#fff}img{width:960px;display:block}figcaption{padding:8px}</style>${cells}`);
  await page.screenshot({ path, fullPage: true });
  await page.close();
}
