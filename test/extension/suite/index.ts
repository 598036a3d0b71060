/**
 * The extension-host suite's entry (the contract of @vscode/test-electron's extensionTestsPath:
 * export run(), resolve when all pass). Mocha runs with the tdd UI; the host's console reaches the
 * driving page unformatted, so the reporter writes one plain line per test, prefixed "[suite] ".
 */
import Mocha from 'mocha';

const PREFIX = '[suite] ';

class LineReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_RUN_END, EVENT_SUITE_BEGIN } = Mocha.Runner.constants;
    runner.on(EVENT_SUITE_BEGIN, (s: Mocha.Suite) => { if (s.title) console.log(`${PREFIX}# ${s.fullTitle()}`); });
    runner.on(EVENT_TEST_PASS, (t: Mocha.Test) => console.log(`${PREFIX}✓ ${t.title} (${t.duration ?? 0} ms)`));
    runner.on(EVENT_TEST_FAIL, (t: Mocha.Test, err: Error) => {
      console.log(`${PREFIX}✗ ${t.fullTitle()}`);
      for (const l of String(err?.stack ?? err).split('\n').slice(0, 12)) console.log(`${PREFIX}  ${l}`);
    });
    runner.once(EVENT_RUN_END, () => {
      const s = this.stats;
      console.log(`${PREFIX}passing ${s.passes} failing ${s.failures} (${s.duration ?? 0} ms)`);
    });
  }
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', reporter: LineReporter, timeout: 60_000, color: false });
  // The test files are bundled into this file: install the tdd globals, then load them.
  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  await import('./all.js');
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} tests failed`)) : resolve()));
  });
}
