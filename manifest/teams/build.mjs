#!/usr/bin/env node
// Builds the sideloadable Teams app package: manifest/teams/build/recoverybot-teams.zip with
// manifest.json (placeholders filled), color.png and outline.png at the zip root.
//
//   TEAMS_APP_ID=<guid> BOT_ID=<entra app id> BOT_DOMAIN=bot.example.com node manifest/teams/build.mjs
//
// TEAMS_APP_VERSION (x.y.z, optional) overrides the app version: Teams takes an updated package only
// with a higher version. BOT_ID falls back to Teams__AppId and BOT_DOMAIN to the host of Web__PublicBaseUrl, so the host's own
// configuration can be reused. Without any of them the package gets local defaults (fine for the Agents
// Playground, not for a real tenant). Options: --out-dir <dir> (default manifest/teams/build).
// The manifest is validated against the official schema before the zip is written.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { LOCAL_DEFAULTS, renderFromEnv, repoRoot, teamsDir, validate, valuesFromEnv } from '../lib/teams-manifest.mjs';

const require = createRequire(import.meta.url);
export const ZIP_NAME = 'recoverybot-teams.zip';

function parseArgs(argv) {
  const args = { outDir: join(teamsDir, 'build') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out-dir' && argv[i + 1]) args.outDir = resolve(argv[++i]);
    else if (argv[i] === '--help' || argv[i] === '-h') args.help = true;
    else throw new Error(`unknown argument: ${argv[i]}`);
  }
  return args;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log('usage: [TEAMS_APP_ID=…] [BOT_ID=…|Teams__AppId=…] [BOT_DOMAIN=…] [TEAMS_APP_VERSION=x.y.z] node manifest/teams/build.mjs [--out-dir DIR]');
    return;
  }
  const values = valuesFromEnv();
  for (const [k, v] of Object.entries(values)) {
    if (v === LOCAL_DEFAULTS[k]) console.warn(`note: ${k} not set, using the local default ${v}`);
  }
  const manifest = renderFromEnv();
  const errors = validate(manifest);
  if (errors.length) {
    console.error(`manifest.json does not match the Teams ${manifest.manifestVersion} schema:\n  ${errors.join('\n  ')}`);
    process.exit(1);
  }

  let AdmZip;
  try { AdmZip = require('adm-zip'); } catch {
    console.error('adm-zip is missing: run `npm ci` in the repository root first');
    process.exit(1);
  }
  const zip = new AdmZip();
  const json = Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8');
  zip.addFile('manifest.json', json);
  zip.addFile('color.png', readFileSync(join(teamsDir, manifest.icons.color)));
  zip.addFile('outline.png', readFileSync(join(teamsDir, manifest.icons.outline)));

  mkdirSync(args.outDir, { recursive: true });
  const zipPath = join(args.outDir, ZIP_NAME);
  zip.writeZip(zipPath);
  writeFileSync(join(args.outDir, 'manifest.json'), json); // for inspection; the zip is what Teams takes
  console.log(`built ${relative(repoRoot, zipPath) || zipPath} (app ${values.TEAMS_APP_ID} v${manifest.version}, bot ${values.BOT_ID}, domain ${values.BOT_DOMAIN})`);
}

try {
  main();
} catch (e) {
  console.error(`error: ${e.message}`);
  process.exit(1);
}
