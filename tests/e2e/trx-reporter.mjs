// A node:test reporter that writes a small Visual Studio TRX file, so that ./test's closing "Tests: N passed, …"
// line (scripts/lib.sh summarize_trx, which sums the <Counters> of every .trx) counts the node tests too:
//
//   node --test --test-reporter=spec --test-reporter-destination=stdout \
//     --test-reporter=./tests/e2e/trx-reporter.mjs --test-reporter-destination=artifacts/test-results/e2e.trx tests/e2e/
//
// Suites are not counted; a test cancelled because its suite's before hook failed counts as failed.
import { randomUUID } from 'node:crypto';

const xml = (s) => String(s ?? '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]);

function duration(ms = 0) {
  const total = Math.max(0, ms) / 1000;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = (total % 60).toFixed(3).padStart(6, '0');
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${s}`;
}

export default async function* trxReporter(source) {
  const start = new Date();
  const results = [];
  const suites = [];
  for await (const event of source) {
    if (event.type === 'test:start' && event.data.nesting < suites.length) suites.length = event.data.nesting;
    if (event.type === 'test:start') suites[event.data.nesting] = event.data.name;
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { name, nesting, details = {}, skip, todo, file } = event.data;
    if (details.type === 'suite') continue;
    const outcome = event.type === 'test:fail' ? 'Failed' : skip || todo ? 'NotExecuted' : 'Passed';
    const error = event.type === 'test:fail' ? details.error : undefined;
    results.push({
      id: randomUUID(), executionId: randomUUID(), name: [...suites.slice(0, nesting), name].join(' › '), outcome,
      duration: details.duration_ms, file, message: error ? String(error.cause?.message ?? error.message ?? error) : undefined,
      skipReason: typeof skip === 'string' ? skip : typeof todo === 'string' ? todo : undefined,
    });
  }
  const finish = new Date();
  const count = (o) => results.filter((r) => r.outcome === o).length;
  const [passed, failed, notExecuted] = [count('Passed'), count('Failed'), count('NotExecuted')];
  const listId = '8c84fa94-04c1-424b-9868-57a2d4851a1d';
  yield `<?xml version="1.0" encoding="UTF-8"?>
<TestRun id="${randomUUID()}" name="node --test" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
  <Times creation="${start.toISOString()}" queuing="${start.toISOString()}" start="${start.toISOString()}" finish="${finish.toISOString()}" />
  <Results>
${results.map((r) => `    <UnitTestResult executionId="${r.executionId}" testId="${r.id}" testName="${xml(r.name)}" computerName="node" duration="${duration(r.duration)}" testType="13cdc9d9-ddb5-4fa4-a97d-d965ccfc6d4b" outcome="${r.outcome}" testListId="${listId}">${
    r.message || r.skipReason ? `<Output>${r.message ? `<ErrorInfo><Message>${xml(r.message)}</Message></ErrorInfo>` : `<StdOut>${xml(r.skipReason)}</StdOut>`}</Output>` : ''
  }</UnitTestResult>`).join('\n')}
  </Results>
  <TestDefinitions>
${results.map((r) => `    <UnitTest name="${xml(r.name)}" storage="${xml(r.file ?? 'node')}" id="${r.id}"><Execution id="${r.executionId}" /><TestMethod codeBase="${xml(r.file ?? 'node')}" className="node:test" name="${xml(r.name)}" /></UnitTest>`).join('\n')}
  </TestDefinitions>
  <TestEntries>
${results.map((r) => `    <TestEntry testId="${r.id}" executionId="${r.executionId}" testListId="${listId}" />`).join('\n')}
  </TestEntries>
  <TestLists>
    <TestList name="node --test" id="${listId}" />
  </TestLists>
  <ResultSummary outcome="${failed ? 'Failed' : 'Completed'}">
    <Counters total="${results.length}" executed="${passed + failed}" passed="${passed}" failed="${failed}" error="0" timeout="0" aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="${notExecuted}" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
  </ResultSummary>
</TestRun>
`;
}
