// The one-page summary as a person meets it: a recovery made through signed Slack commands on the running host,
// the link the bot gives for `summary` opened in headless Debian chromium, a screenshot saved, and a tampered
// link refused with 403 and no data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { Stack, startAzurite, startHost, launchChromium, artifactPath } from './harness.mjs';

const secret = 'e2e-signing-secret';

async function slash(host, text, user = ['U0LENA', 'lena']) {
  const body = new URLSearchParams({
    token: 'x', team_id: 'T0E2E', team_domain: 'e2e', channel_id: 'C0SUMMARY', channel_name: 'recovery',
    user_id: user[0], user_name: user[1], command: '/recovery', text,
    response_url: 'https://hooks.slack.com/commands/T0E2E/1/x', trigger_id: '1.2.3', api_app_id: 'A0E2E',
  }).toString();
  const ts = Math.floor(Date.now() / 1000).toString();
  const signature = 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
  const response = await fetch(`${host.url}/slack/commands`, {
    method: 'POST', body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Slack-Request-Timestamp': ts, 'X-Slack-Signature': signature },
  });
  assert.equal(response.status, 200, `/recovery ${text} answered ${response.status}`);
  const raw = await response.text();
  return raw ? JSON.parse(raw).text ?? '' : '';
}

test('summary page: the bot\'s signed link renders in chromium; a tampered link gets 403', { timeout: 240_000 }, async () => {
  const stack = new Stack('summary-page');
  try {
    const storage = await startAzurite(stack);
    // Channel posts go to a closed port: this test reads only the ephemeral replies and the page.
    const host = await startHost(stack, {
      storage,
      env: { Slack__SigningSecret: secret, Slack__BotToken: 'xoxb-e2e', Slack__ApiBaseUrl: 'http://127.0.0.1:9/', Scheduler__Enabled: 'false' },
    });
    await slash(host, 'start Quotes & orders tz Europe/Berlin');
    await slash(host, 'approver <@U0DANA|dana>');
    for (const title of ['Sales reps cannot send quotes from mobile', 'Invoice PDF shows <script>alert(1)</script>', 'Discounts round wrongly']) {
      await slash(host, `gap ${title}`, ['U0MAX', 'max']);
    }
    await slash(host, 'assign G-1 <@U0ANA|ana> +3d');
    await slash(host, 'milestone +10d all quote defects verified');
    await slash(host, 'review +7d 10:00');
    const reply = await slash(host, 'summary', ['U0MAX', 'max']);
    const link = reply.match(/https?:\/\/\S+summary\?sig=[\w.-]+/)?.[0];
    assert.ok(link, `no summary link in "${reply}"`);

    const browser = await launchChromium(stack, { viewport: { width: 1000, height: 900 } });
    const page = await browser.newPage();
    const response = await page.goto(link);
    assert.equal(response.status(), 200);
    await page.getByRole('heading', { level: 1, name: 'Quotes & orders' }).waitFor();
    await page.getByRole('heading', { name: /Open now/ }).waitFor();
    assert.match(await page.locator('main').innerText(), /Invoice PDF shows <script>alert\(1\)<\/script>/);
    assert.equal(await page.locator('script').count(), 0, 'user text must never become markup');
    await page.getByText('Next review:').first().waitFor();
    await page.screenshot({ path: artifactPath('summary-page.png'), fullPage: true });

    const csv = await (await fetch(link.replace('/summary?', '/gaps.csv?'))).text();
    assert.equal(csv.trim().split('\r\n').length, 4, 'header and three gaps');

    const tampered = link.slice(0, -1) + (link.endsWith('A') ? 'B' : 'A');
    const refused = await fetch(tampered);
    assert.equal(refused.status, 403);
    assert.doesNotMatch(await refused.text(), /Quotes/);
  } finally {
    await stack.stop();
  }
});
