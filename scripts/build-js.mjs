// The component's ES modules (www/src/) bundled by esbuild:
//   `node scripts/build-js.mjs`   www/vardval-kollen.js, the file the site loads
//                                 (the engine's glue inside; the modules and data
//                                 are fetched beside it, see www/src/platform.js),
//                                 www/vardval-kollen-nearby.js, the nearby
//                                 search's part, which it loads on first use,
//                                 and www/vardval-kollen-later.js, what the
//                                 first answer does not need, loaded once it
//                                 has started;
//                                 and www/style.css, www/src/style.css minified.
// Each bundle is then minified again by terser, whose passes find what
// esbuild's one does not (README, "Budgets and figures").
// scripts/bundle.mjs uses `bundleComponent` for the offline file, with a
// platform that holds every file.
import * as esbuild from 'esbuild';
import { minify } from 'terser';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/// Bundles `entry` (www/src/vardval-kollen.js); `platform` replaces www/src/platform.js.
/// `offlineData` is the source of the virtual module `vk-offline-data` it may import.
export async function bundleComponent({ entry = 'www/src/vardval-kollen.js', format = 'esm', platform, outfile, write = true, offlineData } = {}) {
  const plugins = [];
  // The platform itself may take what is the same on both from the served one (`evaluate`).
  if (platform) plugins.push({ name: 'platform', setup: (b) => b.onResolve({ filter: /\/platform\.js$/ }, (args) => (args.importer === platform ? undefined : { path: platform })) });
  if (offlineData) {
    plugins.push({
      name: 'offline-data',
      setup(b) {
        b.onResolve({ filter: /^vk-offline-data$/ }, () => ({ path: 'vk-offline-data', namespace: 'vk' }));
        b.onLoad({ filter: /.*/, namespace: 'vk' }, () => ({ contents: offlineData, loader: 'js' }));
      },
    });
  }
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    format,
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    outfile,
    write: false,
    plugins,
    // wasm-bindgen's glue finds its module beside itself by default; both
    // platforms hand it the module instead, so a classic script has no need of it.
    define: format === 'iife' ? { 'import.meta.url': 'location.href' } : {},
    logLevel: 'warning',
  });
  const { code } = await minify(result.outputFiles[0].text, { module: format === 'esm', compress: { passes: 3 }, mangle: true, format: { ascii_only: false } });
  if (!write) return code;
  writeFileSync(result.outputFiles[0].path, code);
  return null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // Two bundles, not esbuild's code splitting: a chunk shared by both would be
  // one more request, found only after the first, before the first answer.
  await bundleComponent({ outfile: 'www/vardval-kollen.js' });
  await bundleComponent({ entry: 'www/src/nearby.js', outfile: 'www/vardval-kollen-nearby.js' });
  await bundleComponent({ entry: 'www/src/later.js', outfile: 'www/vardval-kollen-later.js' });
  // Without its comments and spaces: 0.45 KB less (brotli) before the first answer.
  await esbuild.build({ absWorkingDir: root, entryPoints: ['www/src/style.css'], minify: true, charset: 'utf8', outfile: 'www/style.css', logLevel: 'warning' });
}
