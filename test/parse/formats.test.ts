// Hand-written samples of each format with the tensors they denote. The expected values are the
// literals in the text itself (a decimal literal denotes the double Number() gives it).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSelection, type ParsedTensor } from '../../core/parse/index.js';
import { assertTranslated } from '../translated.js';

interface Want {
  name?: string | null;
  shape: number[];
  data: number[];
  integer?: boolean;
}

function check(text: string, want: Want[]): ParsedTensor[] {
  const r = parseSelection(text);
  assert.ok(r.ok, r.ok ? '' : `${r.error.code} at ${r.error.line}:${r.error.column}: ${r.error.message.en}`);
  assert.equal(r.tensors.length, want.length, `tensor count: ${r.tensors.map((t) => t.name).join(', ')}`);
  r.tensors.forEach((t, i) => {
    const w = want[i]!;
    if (w.name !== undefined) assert.equal(t.name, w.name);
    assert.deepEqual([...t.shape], w.shape, `shape of tensor ${i}`);
    assert.equal(t.data.length, w.data.length);
    w.data.forEach((v, k) => assert.ok(Object.is(t.data[k], v), `tensor ${i} [${k}]: ${t.data[k]} vs ${v}`));
    if (w.integer !== undefined) assert.equal(t.integer, w.integer);
  });
  return r.tensors;
}

const CASES: [string, string, Want[]][] = [
  ['JSON nested array', '[[0.1, 0.9], [0.3, 0.7]]', [{ name: null, shape: [2, 2], data: [0.1, 0.9, 0.3, 0.7], integer: false }]],
  ['JSON number', '-1.5e-3', [{ shape: [], data: [-0.0015] }]],
  ['JSON empty array', '[]', [{ shape: [0], data: [] }]],
  ['JSON strings for non-finite numbers', '["NaN", "Infinity", "-Infinity", 1]', [{ shape: [4], data: [NaN, Infinity, -Infinity, 1], integer: false }]],
  ['JSON object of tensors', '{"logits": [[2.0, -1.0]], "target": [0]}', [
    { name: 'logits', shape: [1, 2], data: [2, -1], integer: true },
    { name: 'target', shape: [1], data: [0], integer: true },
  ]],
  ['nested JSON object flattened to inner keys', '{"batch": {"pred": [0.5], "y": [1]}}', [{ name: 'pred', shape: [1], data: [0.5] }, { name: 'y', shape: [1], data: [1] }]],
  ['Python tuples, trailing commas, comments', '[(1, 2,),  # first row\n (3, 4,),]', [{ shape: [2, 2], data: [1, 2, 3, 4], integer: true }]],
  ['Python 1_000, True/False, scientific', '[1_000, True, False, 2.5E+2, .5, 7.]', [{ shape: [6], data: [1000, 1, 0, 250, 0.5, 7] }]],
  ["Python float('inf'), float('nan'), math.inf", "[float('inf'), float(\"-inf\"), float('nan'), math.inf, -math.inf, np.nan]", [{ shape: [6], data: [Infinity, -Infinity, NaN, Infinity, -Infinity, NaN], integer: false }]],
  ['NumPy 2 scalar reprs in a list', '[np.float64(0.25), np.int64(3), np.True_]', [{ shape: [3], data: [0.25, 3, 1] }]],
  ['JAX Array repr', 'Array([[1., 2.]], dtype=float32)', [{ shape: [1, 2], data: [1, 2] }]],
  ['negative zero kept', '[-0.0, 0]', [{ shape: [2], data: [-0, 0] }]],
  ['np.array call with dtype', 'np.array([[1, 2], [3, 4]], dtype=np.float32)', [{ shape: [2, 2], data: [1, 2, 3, 4] }]],
  ['torch.tensor call with methods', 'torch.tensor([0.25, 0.75]).float().cuda()', [{ shape: [2], data: [0.25, 0.75] }]],
  // .long() truncates toward zero and .astype(bool) maps nonzero to 1, as in PyTorch and NumPy.
  ['integer and bool conversions applied', "x = torch.tensor([0.7, -1.2, 2.0]).to('cuda').long()\ny = np.array([0.5, 0, -2]).astype(bool)", [
    { name: 'x', shape: [3], data: [0, -1, 2], integer: true },
    { name: 'y', shape: [3], data: [1, 0, 1], integer: true },
  ]],
  ['torch repr on cuda with grad_fn', "tensor([[ 0.1000, -0.9000]], device='cuda:0', dtype=torch.float64,\n       grad_fn=<AddmmBackward0>)", [{ shape: [1, 2], data: [0.1, -0.9] }]],
  ['torch scalar repr', 'tensor(0.2500, requires_grad=True)', [{ shape: [], data: [0.25], integer: false }]],
  ['TF eager print', 'tf.Tensor(\n[[1. 2. 3.]\n [4. 5. 6.]], shape=(2, 3), dtype=float32)', [{ shape: [2, 3], data: [1, 2, 3, 4, 5, 6] }]],
  ['TF scalar print', 'tf.Tensor(0.25, shape=(), dtype=float32)', [{ shape: [], data: [0.25] }]],
  ['TF repr', '<tf.Tensor: shape=(2, 2), dtype=float32, numpy=\narray([[0.1, 0.9],\n       [0.3, 0.7]], dtype=float32)>', [{ shape: [2, 2], data: [0.1, 0.9, 0.3, 0.7] }]],
  ['TF scalar repr', '<tf.Tensor: shape=(), dtype=int32, numpy=3>', [{ shape: [], data: [3], integer: true }]],
  ['TF variable repr', "<tf.Variable 'Variable:0' shape=(2,) dtype=float32, numpy=array([1., 2.], dtype=float32)>", [{ shape: [2], data: [1, 2] }]],
  ['CSV with plain header', 'a,b,c\n1,2,3\n4,5,6\n', [{ name: null, shape: [2, 3], data: [1, 2, 3, 4, 5, 6] }]],
  ['CSV with role header splits columns', 'pred,target\n0.9,1\n0.2,0\n0.6,1', [
    { name: 'pred', shape: [3], data: [0.9, 0.2, 0.6], integer: false },
    { name: 'target', shape: [3], data: [1, 0, 1], integer: true },
  ]],
  ['pandas DataFrame print: the index column is dropped', '   logits  target\n0     0.5       1\n1    -0.2       0\n2     1.5       1', [
    { name: 'logits', shape: [3], data: [0.5, -0.2, 1.5] },
    { name: 'target', shape: [3], data: [1, 0, 1], integer: true },
  ]],
  ['pandas Series print: named by its Name, index dropped', '0    0.9\n1    0.2\n2    0.6\nName: y_pred, dtype: float64', [{ name: 'y_pred', shape: [3], data: [0.9, 0.2, 0.6], integer: false }]],
  ['pandas Series print without a name', '0    1\n1    0\ndtype: int64', [{ name: null, shape: [2], data: [1, 0], integer: true }]],
  ['TSV', '0.5\t1\n0.25\t0', [{ shape: [2, 2], data: [0.5, 1, 0.25, 0] }]],
  ['whitespace rows', ' 1  2  3\n 4  5  6', [{ shape: [2, 3], data: [1, 2, 3, 4, 5, 6] }]],
  ['one column is a vector', '0.1\n0.2\n0.3', [{ shape: [3], data: [0.1, 0.2, 0.3] }]],
  ['quoted CSV header', '"logits","y"\n1.5,0\n-2,1', [{ name: 'logits', shape: [2], data: [1.5, -2] }, { name: 'y', shape: [2], data: [0, 1] }]],
  ['MATLAB spaces', '[1 2; 3 4]', [{ shape: [2, 2], data: [1, 2, 3, 4] }]],
  ['MATLAB commas and trailing ;', '[1, 2; 3, 4;]', [{ shape: [2, 2], data: [1, 2, 3, 4] }]],
  ['MATLAB line continuation and newline rows', '[1 2 ...\n 3; 4 5 6\n 7 8 9]', [{ shape: [3, 3], data: [1, 2, 3, 4, 5, 6, 7, 8, 9] }]],
  ['Julia matrix', 'x = [1.0 -2.0; 3.5 4.0]', [{ name: 'x', shape: [2, 2], data: [1, -2, 3.5, 4] }]],
  ['Julia REPL display of a matrix', '2×3 Matrix{Float64}:\n 1.0  2.0  3.0\n 4.0  5.0  6.0', [{ shape: [2, 3], data: [1, 2, 3, 4, 5, 6] }]],
  ['Julia REPL display keeps a column\'s shape', '3×1 Matrix{Float64}:\n 0.5\n 0.25\n 1.0', [{ shape: [3, 1], data: [0.5, 0.25, 1] }]],
  ['Julia REPL display of a vector', '3-element Vector{Int64}:\n 1\n 2\n 3', [{ shape: [3], data: [1, 2, 3], integer: true }]],
  ['MATLAB statements with % comments', 'A = [1 2; 3 4];  % weights\n% next\nB = [1, 2]', [{ name: 'A', shape: [2, 2], data: [1, 2, 3, 4] }, { name: 'B', shape: [2], data: [1, 2] }]],
  ['assignments, one per line', 'logits = [[2.0, 1.0, 0.1]]\ntarget = [0]', [{ name: 'logits', shape: [1, 3], data: [2, 1, 0.1] }, { name: 'target', shape: [1], data: [0], integer: true }]],
  ['assignments separated by ;', 'y_pred = [0.2, 0.8]; y_true = [0, 1]', [{ name: 'y_pred', shape: [2], data: [0.2, 0.8] }, { name: 'y_true', shape: [2], data: [0, 1] }]],
  ['annotated assignment and attribute', 'self.logits: torch.Tensor = torch.tensor([1.0])', [{ name: 'self.logits', shape: [1], data: [1] }]],
  ['Python dict', "{'anchor': [[0.0, 1.0]], 'positive': [[0.0, 1.1]], 'negative': [[1.0, 0.0]],}", [
    { name: 'anchor', shape: [1, 2], data: [0, 1] },
    { name: 'positive', shape: [1, 2], data: [0, 1.1] },
    { name: 'negative', shape: [1, 2], data: [1, 0] },
  ]],
  ['dict(...) call', 'batch = dict(x1=[1.0, 2.0], x2=[2.0, 1.0], y=[1, -1])', [{ name: 'x1', shape: [2], data: [1, 2] }, { name: 'x2', shape: [2], data: [2, 1] }, { name: 'y', shape: [2], data: [1, -1] }]],
  ['unknown names kept', 'mask_logits = [0.5]\nweights = [1, 2]', [{ name: 'mask_logits', shape: [1], data: [0.5] }, { name: 'weights', shape: [2], data: [1, 2] }]],
  ['REPL and notebook prompts', '>>> x = [1, 2]\nOut[3]: array([3, 4])', [{ name: 'x', shape: [2], data: [1, 2] }, { name: null, shape: [2], data: [3, 4] }]],
  ['no-break spaces from copied HTML', 'x\u00a0=\u00a0[1,\u00a02]\n0.5\u00a0\u00a00.25', [{ name: 'x', shape: [2], data: [1, 2] }, { name: null, shape: [2], data: [0.5, 0.25] }]],
  ['several unnamed lists', '[0.1, 0.9]\n[1, 0]', [{ name: null, shape: [2], data: [0.1, 0.9] }, { name: null, shape: [2], data: [1, 0] }]],
  ['17-digit and tiny values go through Number()', '[0.30000000000000004, 5e-324, 1.7976931348623157e308, 123456789012345678]', [{ shape: [4], data: [0.30000000000000004, 5e-324, 1.7976931348623157e308, Number('123456789012345678')] }]],
];

describe('formats', () => {
  for (const [title, text, want] of CASES) it(title, () => void check(text, want));

  it('records each tensor\'s line, column and character range', () => {
    const text = '# batch\nlogits = [[1, 2]]\n  target = [1]';
    const [a, b] = check(text, [{ shape: [1, 2], data: [1, 2] }, { shape: [1], data: [1] }]);
    assert.deepEqual([a!.line, a!.column, text.slice(a!.offset, a!.offset + a!.length)], [2, 1, 'logits = [[1, 2]]']);
    assert.deepEqual([b!.line, b!.column, text.slice(b!.offset, b!.offset + b!.length)], [3, 3, 'target = [1]']);
  });
});

const ERRORS: [string, string, string, number, number, RegExp][] = [
  ['ragged row names the row and both lengths', '[[1, 2, 3],\n [4, 5]]', 'parse_ragged', 2, 2, /Row \[1\] has 2 elements, but the first row at that depth has 3/],
  ['ragged deeper row', '[[[1], [2]], [[3], [4, 5]]]', 'parse_ragged', 1, 20, /Row \[1\]\[1\] has 2 elements, but the first row at that depth has 1/],
  ['list where numbers are', '[1, [2]]', 'parse_ragged', 1, 5, /is a list, but the other elements at that depth are numbers/],
  ['ragged table row', 'a,b\n1,2\n3', 'parse_ragged', 3, 1, /Row 2 of this table has 1 value, but the header names 2 columns/],
  ['ragged MATLAB row', '[1 2; 3]', 'parse_ragged', 1, 7, /Row 2 of this matrix has 1 element, but row 1 has 2/],
  ['NumPy truncation advice', '[[0. 1. ... 8. 9.]]', 'parse_truncated', 1, 9, /np\.set_printoptions\(threshold=sys\.maxsize\)/],
  // Found by the mutation property: a size of -0 is not a size (it made a shape holding −0).
  ['torch size of -0', 'tensor([], size=(4, -0))', 'parse_syntax', 1, 17, /size= should be a tuple of sizes like \(2, 3\)/],
  ['torch truncation advice', 'tensor([0., 1., ..., 9.])', 'parse_truncated', 1, 17, /torch\.set_printoptions\(profile="full"\)/],
  ['bad number token', '[1.2.3, 4]', 'parse_number', 1, 2, /"1\.2\.3" is not a number/],
  ['exponent without digits', '[1e, 2]', 'parse_number', 1, 2, /exponent/],
  ['unknown word', '[1, foo]', 'parse_number', 1, 5, /"foo" is not a number/],
  ['unclosed list', 'x = [1, 2', 'parse_syntax', 1, 5, /not closed/],
  ['mismatched bracket', '[1, 2)', 'parse_syntax', 1, 6, /does not close/],
  ['double comma', '[1,, 2]', 'parse_syntax', 1, 4, /Expected a number before this ","/],
  ['stated shape disagrees', 'tf.Tensor([1. 2.], shape=(3,), dtype=float32)', 'parse_syntax', 1, 20, /states shape=\(3\), but its values have shape \[2\]/],
  ['code is not run', 'x = np.array([1, 2]).reshape(2, 1)', 'parse_syntax', 1, 21, /\.reshape is not applied/],
  ['integer conversion of inf', 'torch.tensor([0.5, float("inf")]).long()', 'parse_number', 1, 34, /inf or nan to an integer/],
  ['Julia display with fewer values than its summary', '2×2 Matrix{Float64}:\n 1.0  2.0', 'parse_ragged', 1, 1, /Julia says 2×2, i\.e\. 4 values, but 2 follow/],
  ['Julia summarised display', '3-element Vector{Float64}:\n 1.0\n ⋮\n 3.0', 'parse_truncated', 3, 2, /:limit => false/],
  ['empty selection', '  # nothing\n', 'parse_empty', 1, 1, /holds no numbers/],
  ['string that is not a number', '{"logits": "abc"}', 'parse_number', 1, 12, /is a string, not a number/],
  ['garbage after a value', '[1, 2] foo', 'parse_syntax', 1, 8, /Expected a new line or ";" after this value/],
];

describe('errors say what and where', () => {
  for (const [title, text, code, line, column, message] of ERRORS) {
    it(title, () => {
      const r = parseSelection(text);
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.error.code, code, r.error.message.en);
      assert.deepEqual([r.error.line, r.error.column], [line, column], r.error.message.en);
      assert.match(r.error.message.en, message);
      assertTranslated(r.error.message, title);
      // line/column and offset agree.
      const before = text.slice(0, r.error.offset).split('\n');
      assert.deepEqual([before.length, before.at(-1)!.length + 1], [line, column]);
    });
  }
});
