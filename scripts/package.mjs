// `make package`: dist/npm, the two WebAssembly modules as one npm package
// ("vardvalskollen": `evaluate` from the package, `nearby` from
// "vardvalskollen/nearby"), with TypeScript types, the interfaces' JSON Schemas
// ("vardvalskollen/schemas/answer.schema.json") and a README for developers.
import { cpSync, rmSync, writeFileSync, readFileSync, mkdirSync, readdirSync } from 'node:fs';

const out = 'dist/npm';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// The full evaluate module: a developer may give a region's own rules (`rulebook.override`).
for (const f of ['vardval_full.js', 'vardval_full.d.ts', 'vardval_full_bg.wasm', 'vardval_full_bg.wasm.d.ts']) cpSync(`www/pkg-full/${f}`, `${out}/${f}`);
// The full nearby module: a developer's list is their own (`set_units`, checked line by line), or positions alone.
for (const f of ['vardval_nearby_full.js', 'vardval_nearby_full.d.ts', 'vardval_nearby_full_bg.wasm', 'vardval_nearby_full_bg.wasm.d.ts']) cpSync(`www/pkg-nearby-full/${f}`, `${out}/${f}`);
// The text catalogues the modules answer in (they embed no sentence; they carry the rulebooks):
// every language's, as `make build` wrote them (text-LANG.json, and text-more-LANG.json with the error messages and what only an answer under a region's override says).
mkdirSync(`${out}/data`, { recursive: true });
for (const f of readdirSync('www/data').filter((f) => /^text-.*\.json$/.test(f))) cpSync(`www/data/${f}`, `${out}/data/${f}`);
// The JSON Schemas of the interfaces, as checked in (`make schemas`).
cpSync('schemas', `${out}/schemas`, { recursive: true });
const version = /^version = "(.*)"$/m.exec(readFileSync('Cargo.toml', 'utf8'))[1];
writeFileSync(
  `${out}/package.json`,
  JSON.stringify(
    {
      name: 'vardvalskollen',
      version,
      description: 'Vårdvalskollen: rights in Swedish primary care (listing, relisting, fixed doctor, care guarantee, fees) as WebAssembly.',
      type: 'module',
      files: ['*.js', '*.d.ts', '*.wasm', 'data/*.json', 'schemas/*.json', 'README.md'],
      exports: {
        '.': { types: './vardval_full.d.ts', default: './vardval_full.js' },
        './nearby': { types: './vardval_nearby_full.d.ts', default: './vardval_nearby_full.js' },
        './schemas/*': './schemas/*',
      },
      types: './vardval_full.d.ts',
      sideEffects: false,
    },
    null,
    2,
  ) + '\n',
);
writeFileSync(
  `${out}/README.md`,
  `# vardvalskollen

The engine of Vårdvalskollen as WebAssembly, for developers at regions.

\`\`\`js
import init, { evaluate, evaluate_json, set_text } from 'vardvalskollen';
await init(); // or init({ module_or_path: url or bytes of vardval_full_bg.wasm })
// The module carries the rulebooks but no sentence: hand it the catalogue of
// each language you use (data/ in this package), in its two files.
const data = (f) => fetch(new URL(\`node_modules/vardvalskollen/data/\${f}\`, location.href)).then((r) => r.text());
set_text('sv', await data('text-sv.json'));
set_text('sv', await data('text-more-sv.json')); // the error messages, and an override's citations
const answer = evaluate({ today: '2026-11-23', person: { age: 34, home_region: '13' }, visits: [{ date: '2026-03-02', where: 'listed' }] });
answer.fees.total_charged; // 200
// A region's own rules (its fees, a lower ceiling), checked as \`vardval rules check\` does:
evaluate({ today: '2026-11-23', rulebook: { base: 'se', override: regionRules }, person: { home_region: '13' } });
// Bad input throws { errors: [{ path, code, message }] } (type InputErrors).
// The same as JSON text, in and out (the answer, or the error object: an answer has no \`errors\`):
evaluate_json('{"today": "2026-11-23", "person": {"age": 34}}');

import initNearby, { set_units, add_places, set_unit_counts, set_text as set_nearby_text, nearby, set_positions, nearest_ids } from 'vardvalskollen/nearby';
await initNearby();
set_nearby_text('sv', await data('text-sv.json'));
set_nearby_text('sv', await data('text-more-sv.json')); // its error messages
set_units(csvOrJsonText);          // your unit list (see the project's docs/units.md)
add_places(municipalitiesJson);    // the project's data/municipalities.json and data/postal-codes.json (not in this package)
set_unit_counts(countsJson);       // the project's data/unit-counts-1177.json (not in this package), only with the default list: answers say how complete it is
nearby({ from: { postal_code: '413 19' }, k: 10 });

// Many units, or many queries: positions in as one Float64Array, indices out.
set_positions(new Float64Array([57.7826, 14.1618, 59.3293, 18.0686])); // [lat, lon, lat, lon, …]
nearest_ids(57.7, 14.2, 10);       // Uint32Array [0, 1]: indices into that list, nearest first
nearest_ids(57.7, 14.2, 10, 50);   // within 50 km
\`\`\`

Types: \`Situation\`, \`Answer\`, \`InputErrors\`, \`UnitProblems\`, \`NearbyQuery\`, \`NearbyAnswer\` (in the .d.ts files).
JSON Schemas (draft 2020-12) in \`schemas/\`: \`situation\`, \`answer\`, \`errors\`, \`nearby-query\`, \`nearby-answer\`,
\`rulebook\` (a region's override) and \`units\` (a unit list), e.g. \`vardvalskollen/schemas/situation.schema.json\`.
The JSON interface is the project's CONTRACT (version 1) and docs/interface.md; the rules and their
sources are in the answers. The functions are pure: \`today\` comes in the situation; nothing is sent anywhere.
`,
);
console.log(`wrote ${out}/ (vardvalskollen ${version})`);
