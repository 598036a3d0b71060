// The command line, called in-process through `main` (the same function dist/cli.js runs), and once
// as the built binary to prove the bundle and its shebang work.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { main } from '../../core/cli.js';

function cli(args: string[], stdin = ''): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(args, { out: (s) => (out += s), err: (s) => (err += s), stdin: () => stdin });
  return { code, out, err };
}

// The cross-entropy article (shared/seeds/001): p = [[.1,.2,.7],[.3,.4,.3],[.1,.2,.7]] with one-hot
// targets [[0,0,1],[0,1,0],[1,0,0]]: −(ln .7 + ln .4 + ln .1)/3 = 1.1918502562689777 (spec).
const P = [[0.1, 0.2, 0.7], [0.3, 0.4, 0.3], [0.1, 0.2, 0.7]];
const LOGITS = P.map((r) => r.map(Math.log));
const ONE_HOT = [[0, 0, 1], [0, 1, 0], [1, 0, 0]];
const ARTICLE_MEAN = 1.1918502562689777;

describe('loss-lens eval --json', () => {
  it("answers the article's worked example (cross_entropy on ln p, and categorical_cross_entropy on p)", () => {
    const reqs = [
      { loss: 'cross_entropy', input: LOGITS, target: ONE_HOT, reduction: 'mean' },
      { loss: 'cross_entropy', input: LOGITS, target: [2, 1, 0] },
      { loss: 'categorical_cross_entropy', input: P, target: ONE_HOT },
    ];
    const r = cli(['eval', '--json'], JSON.stringify(reqs));
    assert.equal(r.code, 0);
    const answers = JSON.parse(r.out) as { value: number }[];
    assert.equal(answers.length, 3);
    for (const a of answers) assert.ok(Math.abs(a.value - ARTICLE_MEAN) <= 1e-12 + 1e-9 * ARTICLE_MEAN, `${a.value}`);
  });

  it('answers a failed request in place and still answers the others, exit 0', () => {
    const reqs = [
      { loss: 'mse_loss', input: [1, 2], target: [1, 0], reduction: 'sum' },
      { loss: 'no_such_loss', input: [1], target: [1] },
      { loss: 'l1_loss', input: [3], target: [1], reduction: 'none' },
    ];
    const r = cli(['eval', '--json'], JSON.stringify(reqs));
    assert.equal(r.code, 0);
    const [a, b, c] = JSON.parse(r.out) as [{ value: number; grad: number[] }, { error: { code: string; message: string } }, { value: number[] }];
    assert.deepEqual(a, { value: 4, grad: [0, 4], grad_extra: {} });
    assert.equal(b.error.code, 'unknown_loss');
    // The contract's message is a string, in English (the core also carries a Chinese one).
    assert.equal(b.error.message, 'There is no loss "no_such_loss". Run `loss-lens list` for the catalogue.');
    assert.deepEqual(c.value, [2]);
  });

  it('answers one object with one object, and spells non-finite numbers as strings', () => {
    const r = cli(['eval', '--json'], JSON.stringify({ loss: 'mse_loss', input: ['Infinity', 'NaN'], target: [0, 0], reduction: 'none' }));
    assert.equal(r.code, 0);
    const a = JSON.parse(r.out) as { value: unknown[]; grad: unknown[] };
    assert.deepEqual(a.value, ['Infinity', 'NaN']);
    assert.deepEqual(a.grad, ['Infinity', 'NaN']);
  });

  it('answers text that is not JSON with an error object, exit 0', () => {
    const r = cli(['eval', '--json'], '{"loss": ');
    assert.equal(r.code, 0);
    assert.equal((JSON.parse(r.out) as { error: { code: string } }).error.code, 'invalid_request');
  });
});

describe('loss-lens (for people)', () => {
  it('lists the catalogue grouped by category, in both languages', () => {
    const en = cli(['list']);
    assert.equal(en.code, 0);
    for (const heading of ['Classification:', 'Segmentation:', 'Regression:', 'Ranking and metric learning:', 'Image reconstruction:', 'Activations']) {
      assert.ok(en.out.includes(heading), heading);
    }
    assert.match(en.out, /^ {2}mse_loss +MSE loss/m);
    const zh = cli(['list', '--lang', 'zh-cn']);
    assert.match(zh.out, /^回归:/m);
  });

  it('explains a loss: TeX and plain formula, parameters with defaults, PyTorch equivalent', () => {
    const r = cli(['explain', 'mse_loss']);
    assert.equal(r.code, 0);
    assert.match(r.out, /Formula: +l = \(f − y\)²/);
    assert.match(r.out, /TeX: +\\ell = \(f - y\)\^2/);
    assert.match(r.out, /PyTorch: +torch\.nn\.functional\.mse_loss/);
  });

  it('evaluates with readable output: value, per-sample values and gradient', () => {
    const r = cli(['eval', 'cross_entropy', '--input', JSON.stringify(LOGITS), '--target', '[2, 1, 0]']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /value: 1\.191850256268977\d nats/);
    assert.match(r.out, /per-sample: shape \[3\]: 0\.356675, 0\.916291, 2\.30259/);
    assert.match(r.out, /grad wrt input: shape \[3, 3\]/);
  });

  it('shows bits when asked (÷ ln 2)', () => {
    const r = cli(['eval', 'mse_loss', '--input', '[1]', '--target', '[0]', '--bits']);
    assert.match(r.out, new RegExp(`value: ${String(1 / Math.LN2).replace('.', '\\.')} bits`));
  });

  it('takes parameters and reductions, and reports a bad one in one line with exit 1', () => {
    const bad = cli(['eval', 'mse_loss', '--input', '[1]', '--target', '[0]', '--reduction', 'median']);
    assert.equal(bad.code, 1);
    assert.equal(bad.err, 'loss-lens: mse_loss supports reduction "none", "mean", "sum"; got "median".\n');
  });

  it('reports an unknown loss id in English, in one line, with exit 1', () => {
    const r = cli(['explain', 'mse_los']);
    assert.equal(r.code, 1);
    assert.equal(r.err, 'loss-lens: There is no loss "mse_los". Did you mean "mse_loss"? Run `loss-lens list` for the catalogue.\n');
  });

  it('explains usage mistakes with exit 2', () => {
    const r = cli(['eval', 'mse_loss']);
    assert.equal(r.code, 2);
    assert.match(r.err, /eval needs --input/);
  });
});

describe('dist/cli.js', () => {
  it('runs as a program (the package.json bin)', () => {
    if (!existsSync('dist/cli.js')) spawnSync(process.execPath, ['scripts/build.mjs', 'cli'], { stdio: 'inherit' });
    const r = spawnSync('dist/cli.js', ['eval', '--json'], { input: JSON.stringify({ loss: 'cross_entropy', input: LOGITS, target: [2, 1, 0] }), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(Math.abs((JSON.parse(r.stdout) as { value: number }).value - ARTICLE_MEAN) < 1e-12);
  });
});
