// (d) The commands the manifests advertise exist in the command language: every Teams command title and
// every verb in the Slack usage hint is a verb of src/RecoveryBot.Core/Commands/CommandCatalog.cs, and the
// usage shown in the Teams command menu is the catalog's usage for that verb.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import YAML from 'yaml';
import { at, catalogVerbs } from './helpers.mjs';

// MANIFEST_COMMAND_CATALOG points the test at another copy of the file (only to try the test itself).
const CATALOG = process.env.MANIFEST_COMMAND_CATALOG ?? 'src/RecoveryBot.Core/Commands/CommandCatalog.cs';

describe('manifest commands against the command catalog', () => {
  const verbs = catalogVerbs(readFileSync(CATALOG.startsWith('/') ? CATALOG : at(CATALOG), 'utf8'));

  test('the catalog lists the command language', () => {
    assert.ok(verbs.size >= 12, `found ${verbs.size} verbs in ${CATALOG}: ${[...verbs].join(', ')}`);
    assert.ok(verbs.has('help'));
  });

  test('every Teams command title is a verb of the command language', () => {
    const teams = JSON.parse(readFileSync(at('manifest/teams/manifest.template.json'), 'utf8'));
    for (const list of teams.bots[0].commandLists) {
      for (const c of list.commands) {
        assert.ok(verbs.has(c.title), `Teams command "${c.title}" is not in ${CATALOG}`);
        // The menu shows the same syntax as `help`: the description starts with the catalog's usage.
        const usage = c.description.split(': ')[0];
        assert.equal(usage, verbs.get(c.title), `usage in the Teams description of "${c.title}" differs from ${CATALOG}`);
        // Other verbs named in the description (e.g. "broken G-7 <note>") must exist too.
        for (const m of c.description.matchAll(/\b([a-z]+) G-7\b/g)) {
          assert.ok(verbs.has(m[1]), `"${m[1]}" in the description of "${c.title}" is not in ${CATALOG}`);
        }
      }
    }
  });

  test('every verb in the Slack usage hint is a verb of the command language', () => {
    const slack = YAML.parse(readFileSync(at('manifest/slack/manifest.yml'), 'utf8'));
    const hint = slack.features.slash_commands[0].usage_hint;
    const hinted = hint.split('|').map((part) => part.trim().split(/\s+/)[0]);
    assert.ok(hinted.length > 0);
    for (const v of hinted) assert.ok(verbs.has(v), `"${v}" in the Slack usage hint is not in ${CATALOG}`);
  });
});
