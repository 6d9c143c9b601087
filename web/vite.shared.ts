// What the two builds of the web UI share: the admin (vite.config.ts, /admin/ → dist/) and the
// customer area (vite.account.config.ts, /account/ → dist-account/). Both are served by the
// clientele binary, precompressed.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';
import type { Plugin, UserConfig } from 'vite';

// The web/ folder.
export const webDir = fileURLToPath(new URL('.', import.meta.url));

// Writes a precompressed `.gz` next to every text file of the build, so the server can answer
// Accept-Encoding: gzip without compressing at request time.
export function precompress(): Plugin {
  const compressible = /\.(html|js|mjs|css|svg|json|map|txt|ico)$/;
  let outDir = 'dist';
  return {
    name: 'clientele-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): void => {
        for (const name of readdirSync(dir)) {
          const path = join(dir, name);
          if (statSync(path).isDirectory()) {
            walk(path);
          } else if (compressible.test(name)) {
            const data = readFileSync(path);
            const gz = gzipSync(data, { level: constants.Z_BEST_COMPRESSION });
            if (gz.length < data.length) writeFileSync(`${path}.gz`, gz);
          }
        }
      };
      walk(outDir);
    },
  };
}

// One build: served under `base`, from the index.html in `root`, into `outDir` (both relative to
// web/).
export function clienteleConfig(options: {
  base: string;
  root: string;
  outDir: string;
  port: number;
}): UserConfig {
  return {
    base: options.base,
    root: resolve(webDir, options.root),
    publicDir: resolve(webDir, 'public'),
    esbuild: {
      jsx: 'automatic',
      jsxImportSource: 'preact',
    },
    build: {
      outDir: resolve(webDir, options.outDir),
      emptyOutDir: true,
      target: 'es2022',
      modulePreload: { polyfill: false },
      sourcemap: false,
      reportCompressedSize: true,
    },
    plugins: [precompress()],
    server: {
      port: options.port,
      // The address rules are imported from the server's sources (src/modules/addresses).
      fs: { allow: [resolve(webDir, '..')] },
      // `npm run dev` against a running server: CLIENTELE_URL=http://127.0.0.1:8080 npm run dev
      proxy: {
        '/api': process.env.CLIENTELE_URL ?? 'http://127.0.0.1:8080',
      },
    },
  };
}
