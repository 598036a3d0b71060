// The strict typecheck and the lint are part of the test suite, so a type error or a lint finding
// fails `npm test` (and CI) like any other test.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const bin = (name: string): string => join('node_modules', '.bin', name);

describe('static checks', () => {
  it('tsc --noEmit (strict) reports nothing', () => {
    const r = spawnSync(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it('eslint reports nothing', () => {
    const r = spawnSync(bin('eslint'), ['.'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});
