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
export async function bundleComponent({ format = 'esm', platform, outfile, write = true } = {}) {
  const plugins = platform
    ? [{ name: 'platform', setup: (b) => b.onResolve({ filter: /\/platform\.js$/ }, () => ({ path: platform })) }]
    : [];
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
    logLevel: 'warning',
  });
  return write ? null : result.outputFiles[0].text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleComponent({ outfile: 'www/vardval-kollen.js' });
}
