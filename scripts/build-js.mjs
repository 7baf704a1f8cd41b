// The component's ES modules (www/src/) bundled by esbuild:
//   `node scripts/build-js.mjs`   www/vardval-kollen.js, the one file the site loads
//                                 (the engine's glue inside; the modules and data
//                                 are fetched beside it, see www/src/platform.js).
// scripts/bundle.mjs uses `bundleComponent` for the offline file, with a
// platform that holds every file.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/// Bundles www/src/vardval-kollen.js; `platform` replaces www/src/platform.js.
/// `offlineData` is the source of the virtual module `vk-offline-data` it may import.
export async function bundleComponent({ format = 'esm', platform, outfile, write = true, offlineData } = {}) {
  const plugins = [];
  if (platform) plugins.push({ name: 'platform', setup: (b) => b.onResolve({ filter: /\/platform\.js$/ }, () => ({ path: platform })) });
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
    entryPoints: ['www/src/vardval-kollen.js'],
    bundle: true,
    format,
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    outfile,
    write,
    plugins,
    // wasm-bindgen's glue finds its module beside itself by default; both
    // platforms hand it the module instead, so a classic script has no need of it.
    define: format === 'iife' ? { 'import.meta.url': 'location.href' } : {},
    logLevel: 'warning',
  });
  return write ? null : result.outputFiles[0].text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleComponent({ outfile: 'www/vardval-kollen.js' });
}
