// The peer of bench/load: a minimal @slack/bolt app (its default HTTPReceiver) that verifies the Slack signature
// and acks the /recovery slash command with the same JSON the host answers to `/recovery help`. No storage.
// Env: SLACK_SIGNING_SECRET, PORT, REPLY_FILE (the JSON reply; default a one-line ephemeral text).
import { readFileSync } from 'node:fs';
import bolt from '@slack/bolt';

const { App, LogLevel } = bolt;
const reply = process.env.REPLY_FILE
  ? JSON.parse(readFileSync(process.env.REPLY_FILE, 'utf8'))
  : { response_type: 'ephemeral', text: 'ok' };

const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  token: 'xoxb-bench',
  // With the bot's ids given, Bolt's single-workspace authorization never calls auth.test (there is no network here).
  tokenVerificationEnabled: false,
  botId: 'B0BENCH',
  botUserId: 'U0BENCHBOT',
  endpoints: '/slack/commands',
  logLevel: process.env.BOLT_DEBUG ? LogLevel.DEBUG : LogLevel.ERROR,
});

app.command('/recovery', async ({ ack }) => {
  await ack(reply);
});

await app.start({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
console.log(`bolt listening on 127.0.0.1:${process.env.PORT ?? 3000}`);
