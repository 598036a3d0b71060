// Every fixture case under test/golden/fixtures (written by the generators beside them, from PyTorch
// in float64) is evaluated by the core; values and gradients must match to 1e-12 + 1e-9·|want|.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { evaluate, toAnswer } from '../../core/evaluate.js';
import { assertTranslated } from '../translated.js';
import { compareNested } from './compare.js';

interface Case {
  name: string;
  request: Record<string, unknown>;
  want?: { value: unknown; grad?: unknown; grad_extra?: Record<string, unknown> };
  want_error?: string;
}

const dir = join(import.meta.dirname, 'fixtures');
const families = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('golden fixtures from PyTorch', () => {
  it('exist', () => assert.ok(families.length > 0, 'no fixtures: run test/golden/generate.sh'));
  for (const file of families) {
    const { cases } = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { cases: Case[] };
    describe(file, () => {
      for (const c of cases) {
        it(c.name, () => {
          const r = evaluate(c.request);
          if (c.want_error) {
            assert.equal(r.ok, false, `expected error ${c.want_error}, got a value`);
            if (!r.ok) {
              assert.equal(r.error.code, c.want_error, r.error.message.en);
              assertTranslated(r.error.message, c.name);
            }
            return;
          }
          if (!r.ok) assert.fail(`${r.error.code}: ${r.error.message.en}`);
          const got = toAnswer(r.value);
          compareNested(got.value, c.want!.value, 'value');
          if (c.want!.grad !== undefined) compareNested(got.grad, c.want!.grad, 'grad');
          for (const [k, v] of Object.entries(c.want!.grad_extra ?? {})) {
            compareNested((got.grad_extra as Record<string, unknown>)[k], v, `grad_extra.${k}`);
          }
        });
      }
    });
  }
});
