// Renders the Teams manifest template and validates it against Microsoft's JSON schema shipped in the
// npm package @microsoft/app-manifest (no download: the schema files are read from node_modules).
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const teamsDir = join(repoRoot, 'manifest', 'teams');
export const templatePath = join(teamsDir, 'manifest.template.json');

/** Defaults for local use (the Agents Playground ignores both ids). Real deployments set the env vars. */
export const LOCAL_DEFAULTS = Object.freeze({
  TEAMS_APP_ID: 'f152d2ea-dad7-4852-bef1-3b6905cb1d21',
  BOT_ID: '51db8a67-3d8b-4361-94f5-6b4bf510a12b',
  BOT_DOMAIN: 'localhost',
});

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const DOMAIN = /^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?$/;

/**
 * The placeholder values from the environment:
 *   TEAMS_APP_ID  the Teams app id (a GUID of your own, stable across versions of the app)
 *   BOT_ID        the bot's Entra app id; falls back to Teams__AppId (the host's setting)
 *   BOT_DOMAIN    the host name the bot is reached on; falls back to the host of Web__PublicBaseUrl
 */
export function valuesFromEnv(env = process.env) {
  let domainFromBaseUrl;
  if (env.Web__PublicBaseUrl) {
    try { domainFromBaseUrl = new URL(env.Web__PublicBaseUrl).host; } catch { /* ignored: validated below */ }
  }
  const pick = (...xs) => xs.find((x) => typeof x === 'string' && x.trim() !== '')?.trim();
  const values = {
    TEAMS_APP_ID: pick(env.TEAMS_APP_ID) ?? LOCAL_DEFAULTS.TEAMS_APP_ID,
    BOT_ID: pick(env.BOT_ID, env.Teams__AppId) ?? LOCAL_DEFAULTS.BOT_ID,
    BOT_DOMAIN: pick(env.BOT_DOMAIN, domainFromBaseUrl) ?? LOCAL_DEFAULTS.BOT_DOMAIN,
  };
  values.BOT_DOMAIN = values.BOT_DOMAIN.replace(/^https?:\/\//i, '').replace(/\/.*$/, '');
  const errors = [];
  if (!GUID.test(values.TEAMS_APP_ID)) errors.push(`TEAMS_APP_ID must be a GUID, got "${values.TEAMS_APP_ID}"`);
  if (!GUID.test(values.BOT_ID)) errors.push(`BOT_ID (Teams__AppId) must be a GUID, got "${values.BOT_ID}"`);
  if (!DOMAIN.test(values.BOT_DOMAIN)) errors.push(`BOT_DOMAIN must be a host name such as bot.example.com, got "${values.BOT_DOMAIN}"`);
  if (errors.length) throw new Error(errors.join('\n'));
  return values;
}

/** Replaces every ${NAME} in the template text; an unknown or unfilled placeholder is an error. */
export function render(templateText, values) {
  const missing = new Set();
  const text = templateText.replace(/\$\{([A-Z0-9_]+)\}/g, (_, name) => {
    if (!(name in values)) { missing.add(name); return _; }
    return values[name];
  });
  if (missing.size) throw new Error(`no value for placeholder(s): ${[...missing].join(', ')}`);
  return JSON.parse(text);
}

const SEMVER = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;

/** Renders the template; TEAMS_APP_VERSION (optional, x.y.z) overrides the app version for an update. */
export function renderFromEnv(env = process.env) {
  const manifest = render(readFileSync(templatePath, 'utf8'), valuesFromEnv(env));
  const version = env.TEAMS_APP_VERSION?.trim();
  if (version) {
    if (!SEMVER.test(version)) throw new Error(`TEAMS_APP_VERSION must look like 1.2.3, got "${version}"`);
    manifest.version = version;
  }
  return manifest;
}

export function schemasDir() {
  const pkg = require.resolve('@microsoft/app-manifest/package.json');
  return join(dirname(pkg), 'build', 'json-schemas', 'teams');
}

/** The manifest versions whose schema the installed package ships, oldest first ("1.0" … "1.30"). */
export function shippedVersions() {
  return readdirSync(schemasDir())
    .filter((d) => /^v\d+\.\d+$/.test(d))
    .map((d) => d.slice(1))
    .sort((a, b) => {
      const [am, an] = a.split('.').map(Number), [bm, bn] = b.split('.').map(Number);
      return am - bm || an - bn;
    });
}

export function loadSchema(version) {
  const text = readFileSync(join(schemasDir(), `v${version}`, 'MicrosoftTeams.schema.json'), 'utf8');
  // Same clean-up the package applies to downloaded schemas: some versions carry a "\a" JS regexes reject.
  return JSON.parse(text.replace(/\\a/g, '\\x07'));
}

/** Validates against the schema of manifest.manifestVersion. Returns [] when valid, else readable errors. */
export function validate(manifest) {
  const version = manifest.manifestVersion;
  if (!shippedVersions().includes(version)) return [`no schema for manifestVersion "${version}" in @microsoft/app-manifest`];
  const schema = loadSchema(version);
  const draft04 = String(schema.$schema ?? '').includes('draft-04');
  const Ajv = draft04 ? require('ajv-draft-04') : require('ajv/dist/2020');
  const addFormats = require('ajv-formats');
  const ajv = new (Ajv.default ?? Ajv)({ allErrors: true, strictTypes: false });
  (addFormats.default ?? addFormats)(ajv, ['uri', 'email', 'regex']);
  const check = ajv.compile(schema);
  if (check(manifest)) return [];
  return check.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}
