// (b) manifest/teams/build.mjs builds the sideloadable zip: three entries at the root, the icons at the
// sizes Teams requires (read from the PNG headers), a transparent white outline icon.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import AdmZip from 'adm-zip';
import { colorIcon, outlineIcon } from '../teams/icons.mjs';
import { validate } from '../lib/teams-manifest.mjs';
import { at, readPng, runScript, tempDir } from './helpers.mjs';

const ENV = {
  TEAMS_APP_ID: '0f6c3d43-7a0e-4a55-9d0a-2b7c1a9e4f10',
  Teams__AppId: '8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  BOT_DOMAIN: 'recoverybot.azurewebsites.net',
};

describe('Teams app package', () => {
  let dir, zip, run;
  before(() => {
    dir = tempDir();
    run = runScript('manifest/teams/build.mjs', ['--out-dir', dir], ENV);
    if (run.status === 0) zip = new AdmZip(join(dir, 'recoverybot-teams.zip'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the build script succeeds', () => {
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /recoverybot-teams\.zip/);
  });

  test('the zip holds exactly manifest.json, color.png and outline.png at its root', () => {
    const names = zip.getEntries().map((e) => e.entryName).sort();
    assert.deepEqual(names, ['color.png', 'manifest.json', 'outline.png']);
  });

  test('manifest.json in the zip has the configured ids and validates', () => {
    const manifest = JSON.parse(zip.readAsText('manifest.json'));
    assert.equal(manifest.id, ENV.TEAMS_APP_ID);
    assert.equal(manifest.bots[0].botId, ENV.Teams__AppId);
    assert.deepEqual(manifest.validDomains, [ENV.BOT_DOMAIN]);
    assert.deepEqual(validate(manifest), []);
    assert.equal(manifest.icons.color, 'color.png');
    assert.equal(manifest.icons.outline, 'outline.png');
  });

  test('color.png is a 192×192 full-colour opaque icon', () => {
    const png = readPng(zip.readFile('color.png'));
    assert.equal(png.width, 192);
    assert.equal(png.height, 192);
    let coloured = 0, translucent = 0;
    for (let i = 0; i < png.rgba.length; i += 4) {
      const [r, g, b, a] = png.rgba.subarray(i, i + 4);
      if (a < 255) translucent++;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 64) coloured++;
    }
    assert.equal(translucent, 0, 'a full-colour icon has no transparent pixels');
    assert.ok(coloured > 192 * 192 / 2, 'mostly coloured, not grey');
  });

  test('outline.png is 32×32, transparent background, white outline', () => {
    const png = readPng(zip.readFile('outline.png'));
    assert.equal(png.width, 32);
    assert.equal(png.height, 32);
    assert.ok(png.colorType === 4 || png.colorType === 6, 'has an alpha channel');
    let transparent = 0, opaque = 0;
    for (let i = 0; i < png.rgba.length; i += 4) {
      const [r, g, b, a] = png.rgba.subarray(i, i + 4);
      if (a === 0) transparent++;
      if (a === 255) opaque++;
      if (a > 0) assert.ok(r >= 250 && g >= 250 && b >= 250, `visible pixel ${i / 4} is white (${r},${g},${b})`);
    }
    assert.ok(transparent > 32 * 32 / 2, 'the background is transparent');
    assert.equal(png.rgba[3], 0, 'the corner is transparent');
    assert.ok(opaque > 50, 'the outline is drawn');
  });

  test('the committed icons are what the generator makes', () => {
    assert.deepEqual(readPng(readFileSync(at('manifest/teams/color.png'))).rgba, readPng(colorIcon()).rgba);
    assert.deepEqual(readPng(readFileSync(at('manifest/teams/outline.png'))).rgba, readPng(outlineIcon()).rgba);
  });

  test('a bad bot id fails the build and writes no zip', () => {
    const bad = tempDir();
    try {
      const r = runScript('manifest/teams/build.mjs', ['--out-dir', bad], { ...ENV, Teams__AppId: 'not-a-guid' });
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /BOT_ID/);
      assert.throws(() => readFileSync(join(bad, 'recoverybot-teams.zip')));
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
