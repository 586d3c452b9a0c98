// Validates Adaptive Card JSON files with Microsoft's own renderer library (npm `adaptivecards`):
// parse warnings (unknown types, invalid values, newer-than-1.5 features) and validateProperties()
// failures (duplicate ids, required inputs without an error message, …) both count as errors.
// Usage: node tests/cards/validate.mjs <dir-or-file>...   Exit 0 only when every card is clean.
// The package's ESM build ("main") has extensionless imports Node cannot resolve, so this loads its
// UMD bundle, which needs no DOM for parsing and validation.
import { createRequire } from "node:module";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const AC = require("adaptivecards/dist/adaptivecards.js");

function files(paths) {
  return paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p).filter((f) => f.endsWith(".json")).sort().map((f) => join(p, f))
      : [p]);
}

// Teams' people picker (an Input.ChoiceSet with empty choices and "choices.data" querying
// graph.microsoft.com/users) is a Teams extension Teams renders in 1.5 cards; the generic library knows
// "choices.data" only from 1.6 and wants a static choice. Exactly those two messages are forgiven, and only
// when the card has such a picker.
const pickerNotes = [
  'parse: Property "choices.data" is supported in version 1.6, but you are using version 1.5.',
  "validate: An Input.ChoiceSet must have at least one choice defined.",
];

function hasPeoplePicker(node) {
  if (Array.isArray(node)) return node.some(hasPeoplePicker);
  if (node === null || typeof node !== "object") return false;
  const data = node["choices.data"];
  if (node.type === "Input.ChoiceSet" && data?.type === "Data.Query" && String(data.dataset).startsWith("graph.microsoft.com/users")
      && Array.isArray(node.choices) && node.choices.length === 0) return true;
  return Object.values(node).some(hasPeoplePicker);
}

function problems(json) {
  const found = [];
  if (json.type !== "AdaptiveCard") found.push(`type is ${JSON.stringify(json.type)}, not "AdaptiveCard"`);
  if (json.version !== "1.5") found.push(`version is ${JSON.stringify(json.version)}, not "1.5"`);
  const context = new AC.SerializationContext();
  context.targetVersion = AC.Versions.v1_5;
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) found.push(`parse: ${context.getEventAt(i).message}`);
  for (const e of card.validateProperties().validationEvents) found.push(`validate: ${e.message}`);
  return hasPeoplePicker(json) ? found.filter((m) => !pickerNotes.includes(m)) : found;
}

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error("usage: node tests/cards/validate.mjs <dir-or-file>...");
  process.exit(2);
}
let failed = 0;
const all = files(paths);
for (const file of all) {
  let found;
  try {
    found = problems(JSON.parse(readFileSync(file, "utf8")));
  } catch (e) {
    found = [`unreadable: ${e.message}`];
  }
  if (found.length > 0) {
    failed++;
    for (const p of found) console.log(`${file}: ${p}`);
  }
}
console.log(`${all.length - failed} valid, ${failed} invalid card file(s)`);
process.exit(all.length === 0 || failed > 0 ? 1 : 0);
