// Size budgets (deterministic, so they may be tests): the WebAssembly module
// after wasm-opt. Timings are not tested here; they belong to `make bench`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sizes } from '../../scripts/sizes.mjs';

test('the WebAssembly module is within 150 KB raw and 60 KB gzipped', () => {
  const s = sizes('www/pkg/vardval_bg.wasm');
  console.log(`vardval_bg.wasm: ${s.raw} B raw, ${s.gzip} B gzip (level 9)`);
  assert.ok(s.raw <= 150 * 1024, `${s.raw} B raw`);
  assert.ok(s.gzip <= 60 * 1024, `${s.gzip} B gzip`);
});
