/**
 * Every snippet, read from snippets/python.json and filled with its defaults, computes what the
 * core computes: each case of cases.ts is evaluated by the core and run through the PyTorch snippet
 * (float64, autograd) and the NumPy snippet; values and the gradients of input (and input2) agree
 * to 1e-9 relative + 1e-12 absolute. One /usr/bin/python3 process runs the whole batch.
 * Also: the snippets' signatures carry the spec's parameter names and the core's defaults, the L0
 * schedule runs from 2 to 0, and loss-lens-display emits a request the core evaluates.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { evaluate, toAnswer } from '../../core/evaluate.js';
import { EXTRA_NAMES } from '../../core/loss.js';
import { findLoss, LOSSES } from '../../core/registry.js';
import { compareNested } from '../golden/compare.js';
import { fillDefaults, parseSnippet } from '../../extension/snippetCatalog.js';
import { CASES, type SnippetCase } from './cases.js';
import { insertedText, readCatalog, runHarness } from './python.js';

interface Failure { readonly error: string }
interface CaseAnswer { readonly value: unknown; readonly grads?: Record<string, unknown> }
interface Signature { readonly params: { name: string; kind: string; default: unknown; required: boolean }[] }
interface Display { readonly obj: Record<string, unknown>; readonly raw: boolean }
interface HarnessOutput {
  snippets: Record<string, { ok: true } | Failure>;
  cases: Record<string, CaseAnswer | Failure>;
  calls: Record<string, { value: unknown } | Failure>;
  signatures: Record<string, Signature | Failure>;
  runs: Record<string, { displays: Display[] } | Failure>;
}

const catalog = readCatalog();
const lossSnippets = catalog.filter((e) => e.loss !== null);
const display = catalog.find((e) => e.prefix === 'loss-lens-display');

function ok<T extends object>(v: T | Failure | undefined, what: string): T {
  assert.ok(v !== undefined, `${what}: no answer from the harness`);
  assert.ok(!('error' in v), `${what} raised in Python:\n${(v as Failure).error}`);
  return v as T;
}

function caseJob(c: SnippetCase, index: number) {
  const req = c.request;
  const extras = EXTRA_NAMES.filter((n) => req.extra?.[n] !== undefined);
  return lossSnippets
    .filter((e) => e.loss === req.loss)
    .map((e) => {
      const grad = e.framework === 'pytorch';
      const args = [
        { name: 'input', data: req.input, dtype: 'float', grad },
        ...extras.map((n) => ({ name: n, data: req.extra![n], dtype: 'float', grad })),
        ...(req.target === null || req.target === undefined ? [] : [{ name: 'target', data: req.target, dtype: c.targetDtype, grad: false }]),
      ];
      const kwargs = { ...(req.params ?? {}), ...(req.reduction !== undefined ? { reduction: req.reduction } : {}) };
      return { key: `${e.name}#${index}`, snippet: e.name, function: e.functionName, framework: e.framework, args, kwargs };
    });
}

// The cross-entropy article's example (spec, cross_entropy): logits ln p, targets [2, 1, 0], mean 1.1918502562689777.
const ARTICLE_LOGITS = [[0.1, 0.2, 0.7], [0.3, 0.4, 0.3], [0.1, 0.2, 0.7]].map((r) => r.map(Math.log));
const ARTICLE_TARGET = [2, 1, 0];

/**
 * The spec's identities with PyTorch's own functions ("Where public implementations disagree"),
 * each run in the snippet's namespace: snippet and reference on the same float64 input, with
 * autograd. They check the snippets against PyTorch directly, independently of the core.
 */
const py = (v: unknown) => JSON.stringify(v).replace(/true/g, 'True').replace(/false/g, 'False');
const f64 = (v: unknown) => `torch.tensor(${py(v)}, dtype=torch.float64)`;
const LOGITS = [[-2.1, 0.35, 1.7, -0.4], [3.2, -1.15, 0.05, 2.6]];
const BINARY = [[0, 1, 1, 0], [1, 0, 0, 1]];
const SOFT = [[0.2, 0.9, 0.55, 0], [1, 0.3, 0.1, 0.75]];
const SIGNS = [[-1, 1, 1, -1], [1, -1, 1, 1]];
const TV = '__import__("torchvision.ops", fromlist=["sigmoid_focal_loss"]).sigmoid_focal_loss';
const IDENTITIES: readonly { name: string; snippet: string; expr: string }[] = [
  { name: 'sigmoid_focal_loss = torchvision.ops.sigmoid_focal_loss (defaults)', snippet: 'sigmoid_focal_loss (PyTorch)',
    expr: `_pair(lambda x: sigmoid_focal_loss(x, ${f64(BINARY)}), lambda x: ${TV}(x, ${f64(BINARY)}), ${py(LOGITS)})` },
  { name: 'sigmoid_focal_loss = torchvision (alpha −1, gamma 0.5, soft targets, mean)', snippet: 'sigmoid_focal_loss (PyTorch)',
    expr: `_pair(lambda x: sigmoid_focal_loss(x, ${f64(SOFT)}, alpha=-1, gamma=0.5, reduction="mean"), lambda x: ${TV}(x, ${f64(SOFT)}, alpha=-1, gamma=0.5, reduction="mean"), ${py(LOGITS)})` },
  { name: 'sigmoid_focal_loss = torchvision (alpha 0.6, gamma 1, sum)', snippet: 'sigmoid_focal_loss (PyTorch)',
    expr: `_pair(lambda x: sigmoid_focal_loss(x, ${f64(BINARY)}, alpha=0.6, gamma=1, reduction="sum"), lambda x: ${TV}(x, ${f64(BINARY)}, alpha=0.6, gamma=1, reduction="sum"), ${py(LOGITS)})` },
  { name: 'softmax_focal_loss with gamma 0, alpha None = F.cross_entropy (ignore_index, spatial, mean)', snippet: 'softmax_focal_loss (PyTorch)',
    expr: `_pair(lambda x: softmax_focal_loss(x, torch.tensor([[0, -100], [2, 1]]), gamma=0), lambda x: F.cross_entropy(x, torch.tensor([[0, -100], [2, 1]])), ${py([[[0.3, -1.2], [1.1, 0.4], [-0.7, 2.2]], [[1.5, 0.1], [-0.2, -0.9], [0.8, 0.6]]])})` },
  { name: 'softmax_focal_loss with gamma 0, alpha None = F.cross_entropy (none)', snippet: 'softmax_focal_loss (PyTorch)',
    expr: `_pair(lambda x: softmax_focal_loss(x, torch.tensor([3, 0]), gamma=0, reduction="none"), lambda x: F.cross_entropy(x, torch.tensor([3, 0]), reduction="none"), ${py(LOGITS)})` },
  { name: 'balanced_bce = (1 − α)·F.binary_cross_entropy_with_logits(pos_weight = α/(1 − α))', snippet: 'balanced_bce (PyTorch)',
    expr: `_pair(lambda x: balanced_bce(x, ${f64(BINARY)}, alpha=0.3, reduction="none"), lambda x: 0.7 * F.binary_cross_entropy_with_logits(x, ${f64(BINARY)}, pos_weight=torch.tensor(0.3 / 0.7, dtype=torch.float64), reduction="none"), ${py(LOGITS)})` },
  { name: 'balanced_bce = torchvision sigmoid_focal_loss with gamma 0 (binary targets, mean)', snippet: 'balanced_bce (PyTorch)',
    expr: `_pair(lambda x: balanced_bce(x, ${f64(BINARY)}, alpha=0.3), lambda x: ${TV}(x, ${f64(BINARY)}, alpha=0.3, gamma=0, reduction="mean"), ${py(LOGITS)})` },
  { name: 'binary_hinge = F.margin_ranking_loss(f, 0, y, margin), kinks included', snippet: 'binary_hinge (PyTorch)',
    expr: `_pair(lambda x: binary_hinge(x, ${f64(SIGNS)}), lambda x: torch.nn.functional.margin_ranking_loss(x, torch.zeros_like(x), ${f64(SIGNS)}, margin=1.0), ${py([[1, 0.35, -1, -0.4], [3.2, -1, 1, 2.6]])})` },
  { name: 'log_cosh = torch.log(torch.cosh(f − y)) where that does not overflow', snippet: 'log_cosh (PyTorch)',
    expr: `_pair(lambda x: log_cosh(x, ${f64(SOFT)}, reduction="none"), lambda x: torch.log(torch.cosh(x - ${f64(SOFT)})), ${py(LOGITS)})` },
];

let out: HarnessOutput;

before(() => {
  out = runHarness<HarnessOutput>({
    snippets: [
      ...lossSnippets.map((e) => ({ name: e.name, code: insertedText(e) })),
      // An editor set to indent with tabs keeps the body's tabs.
      ...lossSnippets.map((e) => ({ name: `${e.name} [tabs]`, code: fillDefaults(parseSnippet(e.body)) })),
    ],
    cases: CASES.flatMap((c, i) => caseJob(c, i)),
    calls: [
      ...IDENTITIES.map((c) => ({ key: `identity/${c.name}`, snippet: c.snippet, expr: c.expr })),
      ...['l0_loss (PyTorch)', 'l0_loss (NumPy)'].flatMap((snippet) => {
        const fn = snippet.endsWith('(NumPy)') ? 'l0_gamma_np' : 'l0_gamma';
        return [
          { key: `${snippet}/start`, snippet, expr: `${fn}(0, 1000)` },
          { key: `${snippet}/middle`, snippet, expr: `${fn}(250, 1000)` },
          { key: `${snippet}/end`, snippet, expr: `${fn}(1000, 1000)` },
          { key: `${snippet}/after`, snippet, expr: `${fn}(1200, 1000)` },
        ];
      }),
    ],
    signatures: lossSnippets.map((e) => ({ snippet: e.name, function: e.functionName })),
    runs: display ? [{ key: 'display', snippet: display.name, code: insertedText(display), globals: { logits: { data: ARTICLE_LOGITS, dtype: 'float' }, target: { data: ARTICLE_TARGET, dtype: 'long' } } }] : [],
  });
});

describe('every snippet runs as inserted', () => {
  for (const e of lossSnippets) {
    test(`${e.name} (${e.prefix}) executes with its defaults, indented with spaces or tabs`, () => {
      ok(out.snippets[e.name], e.name);
      ok(out.snippets[`${e.name} [tabs]`], `${e.name} indented with tabs`);
    });
  }
});

const byLoss = new Map<string, { c: SnippetCase; i: number }[]>();
CASES.forEach((c, i) => byLoss.set(c.request.loss, [...(byLoss.get(c.request.loss) ?? []), { c, i }]));

for (const [loss, list] of byLoss) {
  describe(`${loss}: snippet = core`, () => {
    test('has a PyTorch and a NumPy snippet', () => {
      assert.deepEqual(lossSnippets.filter((e) => e.loss === loss).map((e) => e.framework).sort(), ['numpy', 'pytorch']);
    });
    for (const { c, i } of list) {
      for (const e of lossSnippets.filter((s) => s.loss === loss)) {
        test(`${c.name} · ${e.framework}`, () => {
          const ev = evaluate(c.request);
          assert.ok(ev.ok, `the core refused the request: ${ev.ok ? '' : `${ev.error.code}: ${ev.error.message}`}`);
          const want = toAnswer(ev.value);
          const got = ok(out.cases[`${e.name}#${i}`] as CaseAnswer | Failure, `${e.name} on "${c.name}"`);
          compareNested(got.value, want.value, 'value');
          if (e.framework !== 'pytorch') return;
          compareNested(got.grads!.input, want.grad, 'grad');
          for (const name of Object.keys(c.request.extra ?? {})) {
            compareNested(got.grads![name], (want.grad_extra as Record<string, unknown>)[name], `grad_extra.${name}`);
          }
        });
      }
    }
  });
}

describe('signatures follow the spec and PyTorch', () => {
  for (const e of lossSnippets) {
    test(`${e.name}: tensors positional, then the spec's parameters with the core's defaults`, () => {
      const loss = findLoss(e.loss!);
      assert.ok(loss, `${e.loss} is registered in the core`);
      const sig = ok(out.signatures[`${e.name}/${e.functionName}`], `signature of ${e.functionName}`);
      const tensors = ['input', ...loss.extra, ...(loss.target === 'none' ? [] : ['target'])];
      const required = sig.params.filter((p) => p.required).map((p) => p.name);
      assert.deepEqual(required, tensors, 'tensor arguments in PyTorch order, without defaults');
      assert.deepEqual(sig.params.slice(0, tensors.length).map((p) => p.name), tensors, 'tensors come first');
      const keywords = sig.params.slice(tensors.length);
      const expected = [...Object.keys(loss.params), ...(loss.reductions.length > 1 ? ['reduction'] : [])];
      assert.deepEqual(keywords.map((p) => p.name).sort(), expected.sort(), 'keyword parameters are the spec\'s');
      for (const p of keywords) {
        const core: unknown = p.name === 'reduction' ? loss.defaultReduction : (loss.params as Record<string, { default: unknown }>)[p.name].default;
        assert.deepEqual(p.default, core instanceof Float64Array ? Array.from(core) : core, `default of ${p.name}`);
      }
    });
  }
});

describe('snippets = PyTorch\'s own functions where the spec says they coincide', () => {
  for (const c of IDENTITIES) {
    test(c.name, () => {
      const r = ok(out.calls[`identity/${c.name}`] as { snippet: { value: unknown; grad: unknown }; reference: { value: unknown; grad: unknown } } | Failure, c.name);
      compareNested(r.snippet.value, r.reference.value, 'value');
      compareNested(r.snippet.grad, r.reference.grad, 'grad');
    });
  }
});

describe('L0 annealing schedule', () => {
  for (const snippet of ['l0_loss (PyTorch)', 'l0_loss (NumPy)']) {
    test(`${snippet}: γ goes linearly from 2 at step 0 to 0 at the last step, and stays 0`, () => {
      // Noise2Noise anneals γ from 2 (L2) to 0 over training: 2·(1 − step/total).
      assert.equal(ok(out.calls[`${snippet}/start`], 'start').value, 2);
      assert.equal(ok(out.calls[`${snippet}/middle`], 'middle').value, 1.5);
      assert.equal(ok(out.calls[`${snippet}/end`], 'end').value, 0);
      assert.equal(ok(out.calls[`${snippet}/after`], 'after').value, 0);
    });
  }
});

test('loss-lens-display emits a request the core evaluates (the article example, mean 1.1918502562689777)', () => {
  assert.ok(display, 'the loss-lens-display snippet exists');
  const run = ok(out.runs.display, 'loss-lens-display');
  assert.equal(run.displays.length, 1, 'one display() call');
  const [{ obj, raw }] = run.displays;
  assert.equal(raw, true);
  assert.deepEqual(Object.keys(obj).sort(), ['application/vnd.loss-lens+json', 'text/plain']);
  const request = obj['application/vnd.loss-lens+json'] as Record<string, unknown>;
  assert.equal(request.version, 1);
  assert.equal(request.kind, 'request');
  assert.equal(request.loss, LOSSES[0].id, 'the first choice of the loss tab stop is the first loss of the catalogue');
  assert.deepEqual(request.target, ARTICLE_TARGET);
  compareNested(request.input, ARTICLE_LOGITS, 'input');
  const ev = evaluate(request);
  assert.ok(ev.ok, ev.ok ? '' : ev.error.message.en);
  if (request.loss === 'cross_entropy') compareNested(toAnswer(ev.value).value, 1.1918502562689777, 'value');
});
