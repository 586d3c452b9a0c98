// (c) The Slack manifest parses and declares the command, URLs, events, shortcut, and exactly the bot
// scopes the host uses: the scopes of the Web API methods in scopes.json plus those the manifest's own
// features need (every declared scope used, every used scope declared).
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import YAML from 'yaml';
import { at, runScript, tempDir } from './helpers.mjs';

const manifestText = readFileSync(at('manifest/slack/manifest.yml'), 'utf8');
const manifest = YAML.parse(manifestText);
const methodScopes = JSON.parse(readFileSync(at('manifest/slack/scopes.json'), 'utf8'));

/** Scopes Slack requires for the manifest's features (not Web API calls). */
const FEATURE_SCOPES = {
  slash_commands: ['commands'],
  shortcuts: ['commands'],
  'event:app_mention': ['app_mentions:read'],
  'event:app_home_opened': [],
  'event:message.im': ['im:history'],
  'event:app_uninstalled': [],
  'event:tokens_revoked': [],
};

describe('Slack manifest', () => {
  test('is a v1 app manifest with display information and a bot user', () => {
    assert.equal(manifest._metadata.major_version, 1);
    assert.equal(manifest.display_information.name, 'RecoveryBot');
    assert.ok(manifest.display_information.name.length <= 35);
    assert.ok(manifest.display_information.description.length <= 140);
    const long = manifest.display_information.long_description;
    assert.ok(long.length >= 175 && long.length <= 4000, `long_description is 175–4000 chars (${long.length})`);
    assert.match(manifest.display_information.background_color, /^#[0-9A-Fa-f]{6}$/);
    assert.ok(manifest.features.bot_user.display_name.length <= 80);
    assert.equal(manifest.features.app_home.messages_tab_enabled, true, 'people can DM the bot (message.im)');
    assert.equal(manifest.features.app_home.home_tab_enabled, true, 'the Home tab shows the person\'s items (app_home_opened → views.publish)');
    assert.equal(manifest.settings.socket_mode_enabled, false, 'the host takes HTTP requests');
  });

  test('declares /recovery on /slack/commands with escaping and a usage hint', () => {
    const commands = manifest.features.slash_commands;
    assert.ok(commands.length <= 50);
    assert.equal(commands.length, 1);
    const [cmd] = commands;
    assert.equal(cmd.command, '/recovery');
    assert.ok(cmd.command.length >= 2 && cmd.command.length <= 32);
    assert.equal(cmd.url, 'https://${BOT_DOMAIN}/slack/commands');
    assert.equal(cmd.should_escape, true);
    assert.ok(cmd.usage_hint && cmd.usage_hint.length <= 1000);
    assert.ok(cmd.description.length <= 2000);
  });

  test('interactivity and events go to the host endpoints', () => {
    assert.equal(manifest.settings.interactivity.is_enabled, true);
    assert.equal(manifest.settings.interactivity.request_url, 'https://${BOT_DOMAIN}/slack/interactivity');
    assert.equal(manifest.settings.event_subscriptions.request_url, 'https://${BOT_DOMAIN}/slack/events');
    assert.deepEqual([...manifest.settings.event_subscriptions.bot_events].sort(), ['app_home_opened', 'app_mention', 'app_uninstalled', 'message.im', 'tokens_revoked'],
      'uninstalls and revoked tokens delete the installation; opening the Home tab publishes the person\'s items');
  });

  test('OAuth installs redirect to the host', () => {
    assert.deepEqual(manifest.oauth_config.redirect_urls, ['https://${BOT_DOMAIN}/slack/oauth_redirect']);
  });

  test('has the "Log as gap" message shortcut', () => {
    const shortcuts = manifest.features.shortcuts;
    assert.ok(shortcuts.length <= 10);
    const s = shortcuts.find((x) => x.callback_id === 'log_as_gap');
    assert.ok(s, 'callback_id log_as_gap');
    assert.equal(s.name, 'Log as gap');
    assert.equal(s.type, 'message');
    assert.ok(s.name.length <= 24 && s.description.length <= 150);
  });

  test('scopes.json lists Web API methods and the scopes each needs', () => {
    for (const [method, scopes] of Object.entries(methodScopes)) {
      assert.match(method, /^[a-z]+(\.[a-zA-Z]+)+$/, `${method} looks like a Web API method`);
      assert.ok(Array.isArray(scopes), `${method}: an array of scopes`);
    }
    assert.deepEqual(methodScopes['chat.postMessage'], ['chat:write']);
    assert.deepEqual(methodScopes['chat.update'], ['chat:write']);
    assert.deepEqual(methodScopes['chat.postEphemeral'], ['chat:write']);
    assert.deepEqual(methodScopes['conversations.open'], ['im:write']);
    assert.deepEqual(methodScopes['users.info'], ['users:read']);
    assert.deepEqual(methodScopes['views.open'], []);
    assert.deepEqual(methodScopes['chat.getPermalink'], [], 'chat.getPermalink needs no scope');
  });

  test('declares exactly the bot scopes that are used', () => {
    const declared = manifest.oauth_config.scopes.bot;
    assert.equal(new Set(declared).size, declared.length, 'no scope twice');
    const used = new Set(Object.values(methodScopes).flat());
    if (manifest.features.slash_commands?.length) FEATURE_SCOPES.slash_commands.forEach((s) => used.add(s));
    if (manifest.features.shortcuts?.length) FEATURE_SCOPES.shortcuts.forEach((s) => used.add(s));
    for (const e of manifest.settings.event_subscriptions.bot_events) {
      const need = FEATURE_SCOPES[`event:${e}`];
      assert.ok(need, `known scope for event ${e}`);
      need.forEach((s) => used.add(s));
    }
    assert.deepEqual([...declared].sort(), [...used].sort());
    assert.deepEqual([...declared].sort(), ['app_mentions:read', 'chat:write', 'commands', 'im:history', 'im:write', 'users:read']);
    assert.equal(manifest.oauth_config.scopes.user, undefined, 'no user scopes');
  });

  test('build.mjs fills the host into every URL', () => {
    const dir = tempDir();
    try {
      const r = runScript('manifest/slack/build.mjs', ['--out-dir', dir], { BOT_DOMAIN: 'rb.contoso.com' });
      assert.equal(r.status, 0, r.stderr);
      const yml = readFileSync(join(dir, 'manifest.yml'), 'utf8');
      assert.ok(!yml.includes('${'), 'no placeholder left');
      const built = YAML.parse(yml);
      assert.deepEqual(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')), built);
      assert.equal(built.features.slash_commands[0].url, 'https://rb.contoso.com/slack/commands');
      assert.equal(built.settings.interactivity.request_url, 'https://rb.contoso.com/slack/interactivity');
      assert.equal(built.settings.event_subscriptions.request_url, 'https://rb.contoso.com/slack/events');
      assert.deepEqual(built.oauth_config.redirect_urls, ['https://rb.contoso.com/slack/oauth_redirect']);
      assert.deepEqual(built.oauth_config.scopes, manifest.oauth_config.scopes);
      const fallback = runScript('manifest/slack/build.mjs', ['--out-dir', dir], { Web__PublicBaseUrl: 'https://rb2.contoso.com' });
      assert.equal(fallback.status, 0, fallback.stderr);
      assert.match(readFileSync(join(dir, 'manifest.yml'), 'utf8'), /https:\/\/rb2\.contoso\.com\/slack\/events/);
      const missing = runScript('manifest/slack/build.mjs', ['--out-dir', dir], {});
      assert.notEqual(missing.status, 0);
      assert.match(missing.stderr, /BOT_DOMAIN/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('build.mjs --socket-mode writes the Socket Mode variant: no URLs, same features and scopes', () => {
    const dir = tempDir();
    try {
      const r = runScript('manifest/slack/build.mjs', ['--socket-mode', '--out-dir', dir], {});
      assert.equal(r.status, 0, r.stderr);
      const built = YAML.parse(readFileSync(join(dir, 'manifest.socket.yml'), 'utf8'));
      assert.deepEqual(JSON.parse(readFileSync(join(dir, 'manifest.socket.json'), 'utf8')), built);
      assert.equal(built.settings.socket_mode_enabled, true);
      assert.ok(!JSON.stringify(built).includes('http'), 'no request or redirect URL');
      assert.equal(built.features.slash_commands[0].command, '/recovery');
      assert.equal(built.settings.interactivity.is_enabled, true);
      assert.deepEqual(built.settings.event_subscriptions.bot_events, manifest.settings.event_subscriptions.bot_events);
      assert.deepEqual(built.oauth_config.scopes, manifest.oauth_config.scopes);
      assert.deepEqual(built.features.shortcuts, manifest.features.shortcuts);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
