// Every message the parser can give, reached by one input per place that raises it: the error's
// code and position, its English text, and a Chinese text that keeps every fact of the English one
// (test/translated.ts). A last test reads the English literals of core/parse and checks each
// appears in a message these inputs produced, so a new message without a case here fails.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { ErrorCode } from '../../core/errors.js';
import type { Localized } from '../../core/localized.js';
import { parseSelection } from '../../core/parse/index.js';
import { Scanner } from '../../core/parse/scanner.js';
import { assertTranslated } from '../translated.js';

// [place in core/parse, selected text, code, line, column, English message]. Columns count from 1;
// where the text has one line, the column is the offending character's offset + 1.
const SITES: [string, string, ErrorCode, number, number, RegExp][] = [
  // scanner.ts
  ['scanner: string not closed on its line', 'x = "abc', 'parse_syntax', 1, 5, /^This string is not closed on its line\.$/],
  ['scanner: expect, at the end of the selection', '{"a" ', 'parse_syntax', 1, 6, /^Expected ":" after the key "a" here, but found the end of the selection\.$/],
  // index.ts
  ['index: empty selection', '  # nothing\n', 'parse_empty', 1, 1, /^The selection holds no numbers: select a list, .* like logits = \[\.\.\.\]\.$/],
  ['index: "..." opening a statement', 'x = [1]\n... 4', 'parse_truncated', 2, 1, /^The selection contains "\.\.\.": a summarised print\. .*profile="full"\)\) and select it again\.$/],
  ['index: no statement starts here', 'x = [1]\n@', 'parse_syntax', 2, 1, /^Expected numbers, a list, a tensor print, a table or an assignment, but found "@"\.$/],
  ['index: a name that is nothing', 'foo bar', 'parse_syntax', 1, 1, /^"foo" is not a number, an assignment \(foo = \.\.\.\), a tensor print or a table header followed by rows\.$/],
  ['index: garbage after a value', '[1, 2] foo', 'parse_syntax', 1, 8, /^Expected a new line or ";" after this value, but found "foo"\.$/],
  // named.ts
  ['named: object not closed where a key goes', '{"a": [1],', 'parse_syntax', 1, 1, /^This "\{" is not closed: expected "\}" before the end of the selection\.$/],
  ['named: object not closed after a value', 'd = {"a": [1]', 'parse_syntax', 1, 5, /^This "\{" is not closed: expected "\}" before the end of the selection\.$/],
  ['named: a key that is not a name', '{1: [2]}', 'parse_syntax', 1, 2, /^Expected a key \(a name in quotes\) in this object, but found "1"\.$/],
  ['named: expect ":" after a key', '{"a" [1]}', 'parse_syntax', 1, 6, /^Expected ":" after the key "a" here, but found "\["\.$/],
  ['named: no "," or "}" after a value', '{"a": [1] "b": [2]}', 'parse_syntax', 1, 11, /^Expected "," or "\}" after the value of "a", but found """\.$/],
  ['named: dict( not closed', 'dict(a=1,', 'parse_syntax', 1, 1, /^This dict\( is not closed: expected "\)" before the end of the selection\.$/],
  ['named: dict( without name=value', 'dict(1)', 'parse_syntax', 1, 6, /^Expected name=value in dict\(\.\.\.\), but found "1"\.$/],
  ['named: expect "=" in dict(', 'dict(a 1)', 'parse_syntax', 1, 8, /^Expected "=" after a in dict\(\.\.\.\) here, but found "1"\.$/],
  ['named: no "," or ")" after a dict( value', 'dict(a=1 b=2)', 'parse_syntax', 1, 10, /^Expected "," or "\)" after the value of a, but found "b"\.$/],
  // matrix.ts
  ['matrix: ragged row', '[1 2; 3]', 'parse_ragged', 1, 7, /^Row 2 of this matrix has 1 element, but row 1 has 2: every row must have the same length\.$/],
  ['matrix: comma opening a row', '[1 2; , 3]', 'parse_syntax', 1, 7, /^Expected a number before this ","\.$/],
  ['matrix: not closed', 'A = [1 2; 3 4', 'parse_syntax', 1, 5, /^This matrix is not closed: expected "\]" before the end of the selection\.$/],
  ['matrix: a stray character', '[1 2; 3 @]', 'parse_syntax', 1, 9, /^Expected a number, ",", ";" or "\]" in this matrix, but found "@"\.$/],
  ['matrix: "..." continuing a row of a matrix without ";"', '[1 2 ...\n 3 4]', 'parse_truncated', 1, 6, /^This print was summarised/],
  // value.ts
  ['value: nothing after "="', 'x = ', 'parse_syntax', 1, 5, /^Expected a value \(a number, a list or a tensor\) before the end of the selection\.$/],
  ['value: not a value after "="', 'x = @', 'parse_syntax', 1, 5, /^Expected a value \(a number, a list or a tensor\), but found "@"\.$/],
  ['value: code is not run', 'x = np.array([1, 2]).reshape(2, 1)', 'parse_syntax', 1, 21, /^\.reshape is not applied: Loss Lens reads values, it does not run code\. Select the data without \.reshape, or print the result and select that\.$/],
  ['value: integer conversion of inf', 'torch.tensor([0.5, float("inf")]).long()', 'parse_number', 1, 34, /^Converting inf or nan to an integer has no defined value: remove the integer conversion or the non-finite values\.$/],
  ['value: a closer inside an argument', 'np.array([1], dtype=x])', 'parse_syntax', 1, 22, /^Unexpected "\]" in this argument\.$/],
  ['value: argument not closed', 'np.array([1], dtype=(1, 2', 'parse_syntax', 1, 21, /^This argument is not closed before the end of the selection\.$/],
  // table.ts
  ['table: row ending with ","', '1,2,\n3,4,5', 'parse_syntax', 1, 4, /^Row 1 of this table ends with ",": a value is missing\.$/],
  ['table: empty value', '1,,2', 'parse_syntax', 1, 3, /^Row 1 of this table has an empty value here\.$/],
  ['table: Julia summary marks', '1 2\n⋮ ⋮', 'parse_truncated', 2, 1, /^Julia summarised this array \(⋮ and … stand for values left out\): print it whole with show\(IOContext\(stdout, :limit => false\), "text\/plain", x\) and select it again\.$/],
  ['table: "..." in a row', '1 2 ... 5', 'parse_truncated', 1, 5, /^This table was summarised \("\.\.\." stands for values left out\): print or export it whole and select it again\.$/],
  ['table: not a number in a row', '1 2 x', 'parse_syntax', 1, 5, /^Expected a number in row 1 of this table, but found "x"\.$/],
  ['table: ragged against the header', 'a,b\n1,2\n3', 'parse_ragged', 3, 1, /^Row 2 of this table has 1 value, but the header names 2 columns: every row must have the same length\.$/],
  ['table: ragged against row 1', '1 2\n3 4 5', 'parse_ragged', 2, 1, /^Row 2 of this table has 3 values, but row 1 has 2: every row must have the same length\.$/],
  ['table: extra column that is not a pandas index', 'a b\n0.5 1 2', 'parse_ragged', 1, 1, /^Row 1 of this table has one value more than the header has names, but its first value is not an integer index \(as pandas prints\): every row must have the same length as the header\.$/],
  ['table: pandas Series trailer under three columns', '1 2 3\n4 5 6\ndtype: int64', 'parse_ragged', 1, 1, /^A pandas Series has one value per row after its index, but these rows have 2 values after the first column\.$/],
  ['table: pandas Series trailer under one value', '7\ndtype: int64', 'parse_ragged', 1, 1, /^A pandas Series has one value per row after its index, but these rows have 0 values after the first column\.$/],
  ['table: pandas Series row without an integer index', '0 1\n1.5 2\nName: y, dtype: int64', 'parse_syntax', 1, 1, /^Row 2 of this pandas Series does not start with an integer index\.$/],
  // repr.ts
  ['repr: dict( inside a call', 'np.array(dict(a=1))', 'parse_syntax', 1, 10, /^A dict holds several named tensors: select it on its own, not as an argument of another call or the value of a key\.$/],
  ['repr: empty call', 'np.array()', 'parse_syntax', 1, 1, /^np\.array\(\) holds no values\.$/],
  ['repr: call not closed', 'np.array([1]', 'parse_syntax', 1, 9, /^np\.array\( is not closed: expected "\)" before the end of the selection\.$/],
  ['repr: no "," or ")" after the values', 'np.array([1] 2)', 'parse_syntax', 1, 14, /^Expected "," or "\)" after the values of np\.array\(\.\.\.\), but found "2"\.$/],
  ['repr: "<" not closed', '<tf.Tensor: shape=(1,)', 'parse_syntax', 1, 1, /^This "<" is not closed: expected ">" before the end of the selection\.$/],
  ['repr: a stray token in a TensorFlow repr', '<tf.Tensor: 5>', 'parse_syntax', 1, 13, /^Unexpected "5" in this TensorFlow repr\.$/],
  ['repr: TensorFlow repr without numpy=', '<tf.Tensor: shape=(1,)>', 'parse_syntax', 1, 1, /^This TensorFlow repr has no numpy=\.\.\. part holding its values\.$/],
  // Found by the mutation property: a size of -0 is not a size (it made a shape holding −0).
  ['repr: size= that is not a tuple of sizes', 'tensor([], size=(4, -0))', 'parse_syntax', 1, 17, /^size= should be a tuple of sizes like \(2, 3\)\.$/],
  ['repr: shape= that is not a tuple of sizes', '<tf.Tensor: shape=(1.5,), numpy=1>', 'parse_syntax', 1, 19, /^shape= should be a tuple of sizes like \(2, 3\)\.$/],
  ['repr: stated shape disagrees with the values', 'tf.Tensor([1. 2.], shape=(3,), dtype=float32)', 'parse_syntax', 1, 20, /^tf\.Tensor states shape=\(3\), but its values have shape \[2\]: the text was probably cut or edited\.$/],
  // nested.ts
  ['nested: NumPy truncation advice', 'array([0., ..., 9.])', 'parse_truncated', 1, 12, /^NumPy summarised this array \("\.\.\." stands for the values it left out\)\. Print it whole with np\.set_printoptions\(threshold=sys\.maxsize\) and select it again\.$/],
  ['nested: Python list truncation advice', '[1, ..., 3]', 'parse_truncated', 1, 5, /^This print was summarised \("\.\.\." stands for the values left out\)\. For NumPy .* for PyTorch with torch\.set_printoptions\(profile="full"\); then select it again\.$/],
  ['nested: PyTorch truncation advice', 'tensor([0., 1., ..., 9.])', 'parse_truncated', 1, 17, /^PyTorch summarised this tensor \("\.\.\." stands for the values it left out\)\. Print it whole with torch\.set_printoptions\(profile="full"\) \(or threshold=sys\.maxsize\) and select it again\.$/],
  ['nested: TensorFlow truncation advice', 'tf.Tensor([0. ... 9.], shape=(3,), dtype=float32)', 'parse_truncated', 1, 15, /^TensorFlow summarised this tensor .* or print t\.numpy\(\)\.tolist\(\), and select it again\.$/],
  ['nested: a quoted string that is not a number', '{"logits": "abc"}', 'parse_number', 1, 12, /^"abc" is a string, not a number \(only "NaN", "Infinity" and "-Infinity" stand for numbers in quotes\)\.$/],
  ['nested: a list among numbers', '[1, [2]]', 'parse_ragged', 1, 5, /^Row \[1\] is a list, but the other elements at that depth are numbers: every row must have the same nesting\.$/],
  ['nested: mismatched bracket', '[1, 2)', 'parse_syntax', 1, 6, /^"\)" does not close the "\[" opened at offset 0\.$/],
  ['nested: ragged row', '[[1, 2, 3],\n [4, 5]]', 'parse_ragged', 2, 2, /^Row \[1\] has 2 elements, but the first row at that depth has 3: every row must have the same length\.$/],
  ['nested: double comma', '[1,, 2]', 'parse_syntax', 1, 4, /^Expected a number before this ","\.$/],
  ['nested: ";" in a nested list', '[[1]; [2]]', 'parse_syntax', 1, 5, /^A ";" separates matrix rows only in a flat MATLAB-style list like \[1 2; 3 4\]\.$/],
  ['nested: a number among lists', '[[1], 2]', 'parse_ragged', 1, 7, /^Row \[1\] is a number, but the other elements at that depth are lists: every row must have the same nesting\.$/],
  ['nested: a quoted number among lists', '[[[1]], ["NaN"]]', 'parse_ragged', 1, 10, /^Row \[1\]\[0\] is a number, but the other elements at that depth are lists: every row must have the same nesting\.$/],
  ['nested: list not closed', 'x = [1, 2', 'parse_syntax', 1, 5, /^The list opened here is not closed: expected "\]" before the end of the selection\.$/],
  ['nested: tuple not closed', 't = (1, 2', 'parse_syntax', 1, 5, /^The list opened here is not closed: expected "\)" before the end of the selection\.$/],
  ['nested: a stray character', '[1, @]', 'parse_syntax', 1, 5, /^Expected a number, "," or a bracket in this list, but found "@"\.$/],
  // julia.ts
  ['julia: summary with no values', '2×2 Matrix{Float64}:', 'parse_syntax', 1, 1, /^This Julia summary \(2×2\) has no values under it\.$/],
  ['julia: fewer values than the summary', '2×2 Matrix{Float64}:\n 1.0  2.0', 'parse_ragged', 1, 1, /^Julia says 2×2, i\.e\. 4 values, but 2 follow: the display was cut or summarised \(print it whole with show\(IOContext\(stdout, :limit => false\), "text\/plain", x\)\)\.$/],
  // number.ts
  ['number: a sign without digits', '[1, -]', 'parse_number', 1, 5, /^"-" is not a number\.$/],
  ['number: exponent without digits', '[1e, 2]', 'parse_number', 1, 2, /^"1e" is not a number: its exponent has no digits\.$/],
  ['number: a token running on', '[1.2.3, 4]', 'parse_number', 1, 2, /^"1\.2\.3" is not a number\.$/],
  ['number: float() of a string that is not a number', "float('abc')", 'parse_number', 1, 1, /^float\("abc"\) is not a number\.$/],
  ['number: a scalar constructor with two arguments', 'np.float32(0.5, 1)', 'parse_syntax', 1, 1, /^np\.float32\(\.\.\.\) with more than one argument is not a number\.$/],
  ['number: expect ")" closing a scalar constructor', 'float(0.5 x)', 'parse_syntax', 1, 11, /^Expected "\)" closing float\( here, but found "x"\.$/],
  ['number: an unknown word', '[1, foo]', 'parse_number', 1, 5, /^"foo" is not a number \(numbers, inf, nan, True and False are\)\.$/],
  ['number: a number word running on', '[nan-1]', 'parse_number', 1, 2, /^"nan-1" is not a number\.$/],
];

const produced: Localized[] = [];

describe('every parser message, in English and Chinese', () => {
  for (const [site, text, code, line, column, message] of SITES) {
    it(site, () => {
      const r = parseSelection(text);
      assert.equal(r.ok, false);
      if (r.ok) return;
      produced.push(r.error.message);
      assert.equal(r.error.code, code, r.error.message.en);
      assert.deepEqual([r.error.line, r.error.column], [line, column], r.error.message.en);
      assert.match(r.error.message.en, message);
      assertTranslated(r.error.message, site);
    });
  }

  // No reader describes a line break (each skips line breaks or ends its row at one before it
  // describes the text), so the scanner's own phrase for it is checked on the scanner.
  it('scanner: how the cursor reads at a line break, at the end and at a token', () => {
    const s = new Scanner('1x\n');
    const token = s.describeHere(0);
    const lineEnd = s.describeHere(2);
    const end = s.describeHere(3);
    assert.deepEqual(token, { en: '"1x"', 'zh-cn': '"1x"' });
    assert.equal(lineEnd.en, 'the end of the line');
    assert.equal(end.en, 'the end of the selection');
    for (const phrase of [lineEnd, end]) {
      assert.match(phrase['zh-cn'], /[\u4e00-\u9fff]/);
      produced.push(phrase);
    }
  });

  it('every English text in core/parse is one these inputs reach', () => {
    const dir = new URL('../../core/parse/', import.meta.url);
    const literals = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => englishLiterals(readFileSync(new URL(f, dir), 'utf8')).map((l) => ({ file: f, ...l })));
    // Each literal's fixed parts, with anything in its ${} standing for any text.
    const unreached = literals.filter(({ pattern }) => !produced.some((m) => pattern.test(m.en))).map(({ file, source }) => `${file}: ${source}`);
    // The reader of literals finds them all (a sample of both kinds and of every file with messages).
    assert.ok(literals.some((l) => l.source === "en: 'the end of the line'"));
    assert.ok(literals.some((l) => l.source.startsWith('en: `Julia says ${m[1]}, i.e. ${n} values')));
    assert.deepEqual(new Set(literals.map((l) => l.file)).size, 10);
    assert.deepEqual(unreached, []);
  });
});

/** The `en:` strings of a source file ('...' or `...`), each as a pattern its messages match. */
function englishLiterals(src: string): { source: string; pattern: RegExp }[] {
  const out: { source: string; pattern: RegExp }[] = [];
  const escape = (t: string): string => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  for (const m of src.matchAll(/\ben: (['`])/g)) {
    const quote = m[1]!;
    let i = m.index + m[0].length;
    let pattern = '';
    let fixed = '';
    while (src[i] !== quote) {
      if (src[i] === '\\') {
        fixed += src[i + 1];
        i += 2;
      } else if (quote === '`' && src.startsWith('${', i)) {
        // An interpolation: skip from its "{" to the matching "}".
        i++;
        let depth = 0;
        do {
          if (src[i] === '{') depth++;
          else if (src[i] === '}') depth--;
          i++;
        } while (depth > 0);
        pattern += escape(fixed) + '[^]*?';
        fixed = '';
      } else fixed += src[i++];
    }
    pattern += escape(fixed);
    out.push({ source: src.slice(m.index, i + 1), pattern: new RegExp(pattern) });
  }
  return out;
}
