// (a) The Teams manifest, rendered from the template, validates against Microsoft's official JSON schema
// from @microsoft/app-manifest (read from node_modules; nothing is downloaded).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { LOCAL_DEFAULTS, loadSchema, render, renderFromEnv, shippedVersions, templatePath, validate } from '../lib/teams-manifest.mjs';

const ENV = {
  TEAMS_APP_ID: '0f6c3d43-7a0e-4a55-9d0a-2b7c1a9e4f10',
  BOT_ID: '8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  BOT_DOMAIN: 'recoverybot.azurewebsites.net',
};
const MAIN_COMMANDS = ['help', 'start', 'gap', 'log', 'show', 'assign', 'ready', 'works', 'checkin', 'gonogo', 'summary', 'plan'];

describe('Teams manifest', () => {
  const templateText = readFileSync(templatePath, 'utf8');
  const manifest = renderFromEnv(ENV);

  test('uses the newest manifest schema that @microsoft/app-manifest ships', () => {
    const newest = shippedVersions().at(-1);
    assert.equal(manifest.manifestVersion, newest);
    assert.equal(manifest.$schema, `https://developer.microsoft.com/json-schemas/teams/v${newest}/MicrosoftTeams.schema.json`);
    assert.match(loadSchema(newest).$schema, /draft-04/, 'the Teams schemas are JSON Schema draft-04 (validated with ajv-draft-04)');
  });

  test('the template has exactly the placeholders TEAMS_APP_ID, BOT_ID and BOT_DOMAIN', () => {
    const names = new Set([...templateText.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((m) => m[1]));
    assert.deepEqual([...names].sort(), ['BOT_DOMAIN', 'BOT_ID', 'TEAMS_APP_ID']);
  });

  test('the rendered manifest validates against the official schema', () => {
    assert.deepEqual(validate(manifest), []);
    assert.ok(!JSON.stringify(manifest).includes('${'), 'no placeholder left');
  });

  test('the local defaults also give a valid manifest', () => {
    const local = renderFromEnv({});
    assert.deepEqual(validate(local), []);
    assert.equal(local.id, LOCAL_DEFAULTS.TEAMS_APP_ID);
    assert.equal(local.bots[0].botId, LOCAL_DEFAULTS.BOT_ID);
  });

  test('placeholders are filled from the environment, with the host configuration as fallback', () => {
    assert.equal(manifest.id, ENV.TEAMS_APP_ID);
    assert.equal(manifest.bots[0].botId, ENV.BOT_ID);
    assert.deepEqual(manifest.validDomains, [ENV.BOT_DOMAIN]);
    assert.notEqual(manifest.id, manifest.bots[0].botId, 'the Teams app id is not the bot id');
    const fromHostConfig = renderFromEnv({ TEAMS_APP_ID: ENV.TEAMS_APP_ID, Teams__AppId: ENV.BOT_ID, Web__PublicBaseUrl: 'https://rb.contoso.com/' });
    assert.equal(fromHostConfig.bots[0].botId, ENV.BOT_ID);
    assert.deepEqual(fromHostConfig.validDomains, ['rb.contoso.com']);
    assert.throws(() => renderFromEnv({ BOT_ID: 'not-a-guid' }), /BOT_ID/);
    assert.equal(renderFromEnv({ TEAMS_APP_VERSION: '1.4.2' }).version, '1.4.2');
    assert.throws(() => renderFromEnv({ TEAMS_APP_VERSION: 'v2' }), /TEAMS_APP_VERSION/);
    assert.throws(() => render(templateText, { TEAMS_APP_ID: ENV.TEAMS_APP_ID }), /BOT_DOMAIN|BOT_ID/);
  });

  test('one bot in personal, team and groupChat scopes with the main commands', () => {
    assert.equal(manifest.bots.length, 1);
    const bot = manifest.bots[0];
    assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
    assert.equal(bot.isNotificationOnly, false);
    const covered = bot.commandLists.flatMap((l) => l.scopes);
    assert.deepEqual([...covered].sort(), ['groupChat', 'personal', 'team'], 'every scope has a command list, once');
    for (const list of bot.commandLists) {
      assert.ok(list.commands.length <= 12, 'at most 12 commands a list');
      const titles = list.commands.map((c) => c.title);
      assert.equal(new Set(titles).size, titles.length, 'titles are unique');
      assert.deepEqual([...titles].sort(), [...MAIN_COMMANDS].sort());
      for (const c of list.commands) {
        // The old limits (32 / 128) are kept so the menu reads well in every client.
        assert.ok(c.title.length <= 32, `title "${c.title}" ≤ 32`);
        assert.ok(c.description.length <= 128, `description of "${c.title}" ≤ 128 (${c.description.length})`);
        assert.ok(c.description.startsWith(c.title), `description of "${c.title}" starts with its usage`);
      }
    }
  });

  test('"Log as gap" is a message action of the bot, with its dialog fetched from the bot', () => {
    assert.equal(manifest.composeExtensions.length, 1);
    const extension = manifest.composeExtensions[0];
    assert.equal(extension.botId, ENV.BOT_ID, 'the message extension is powered by the same bot');
    const command = extension.commands.find((c) => c.id === 'logAsGap');
    // The id the bot checks in composeExtension/fetchTask and submitAction (MessageActions.LogAsGap).
    assert.ok(command, 'logAsGap command');
    assert.equal(command.type, 'action');
    assert.deepEqual(command.context, ['message']);
    assert.equal(command.fetchTask, true, 'the gap form comes from the bot, title prefilled from the message');
    assert.equal(command.title, 'Log as gap');
  });

  test('the schema catches a broken manifest (the validator really runs)', () => {
    const broken = structuredClone(manifest);
    broken.bots[0].botId = 'nope';
    broken.bots[0].commandLists[0].commands.push({ title: 'close', description: 'close' });
    delete broken.developer.privacyUrl;
    broken.composeExtensions[0].commands[0].context = ['messages'];
    const errors = validate(broken);
    assert.ok(errors.some((e) => e.startsWith('/bots/0/botId')), errors.join('\n'));
    assert.ok(errors.some((e) => e.includes('/commands') && e.includes('must NOT have more than 12 items')), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('/developer') && e.includes('privacyUrl')), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('/composeExtensions/0/commands/0/context')), errors.join('\n'));
  });
});
