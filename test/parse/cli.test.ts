// The command-line contract, through the real CLI process: `loss-lens parse --json` reads
// the selection on stdin and prints the tensors (name, shape, flat row-major data, integer) or the
// error (code, message, line, column), exiting 0 either way.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function cli(stdin: string): { status: number | null; json: unknown } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'core/cli.ts', 'parse', '--json'], { cwd: ROOT, input: stdin, encoding: 'utf8' });
  return { status: r.status, json: JSON.parse(r.stdout) };
}

describe('loss-lens parse --json', () => {
  it('prints named tensors with flat row-major data', () => {
    const r = cli('logits = tensor([[0.5, -1.0],\n        [2.0, float("inf")]])\ntarget = [1, 0]\n');
    assert.equal(r.status, 0);
    assert.deepEqual(r.json, {
      tensors: [
        { name: 'logits', shape: [2, 2], data: [0.5, -1, 2, 'Infinity'], integer: false },
        { name: 'target', shape: [2], data: [1, 0], integer: true },
      ],
    });
  });
  it('prints an unnamed tensor with name null', () => {
    assert.deepEqual(cli('[[1 2]\n [3 4]]').json, { tensors: [{ name: null, shape: [2, 2], data: [1, 2, 3, 4], integer: true }] });
  });
  it('prints an error with its code, message, line and column, and still exits 0', () => {
    const r = cli('x = [[1, 2],\n     [3]]');
    assert.equal(r.status, 0);
    const e = (r.json as { error: { code: string; message: string; line: number; column: number } }).error;
    assert.deepEqual([e.code, e.line, e.column], ['parse_ragged', 2, 6]);
    assert.match(e.message, /Row \[1\] has 1 element, but the first row at that depth has 2/);
  });
});
