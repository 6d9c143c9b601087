// Builds the admin UI into dist/, served by the clientele binary under /admin/.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

// Writes a precompressed `.gz` next to every text file of the build, so the server can answer
// Accept-Encoding: gzip without compressing at request time.
function precompress(): Plugin {
  const compressible = /\.(html|js|mjs|css|svg|json|map|txt|ico)$/;
  let outDir = 'dist';
  return {
    name: 'clientele-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
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

export default defineConfig({
  base: '/admin/',
  esbuild: {
    jsx: 'automatic',
    jsxImportSource: 'preact',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: true,
  },
  plugins: [precompress()],
  server: {
    // The address rules are imported from the server's sources (src/modules/addresses).
    fs: { allow: ['..'] },
    // `npm run dev` against a running server: CLIENTELE_URL=http://127.0.0.1:8080 npm run dev
    proxy: {
      '/api': process.env.CLIENTELE_URL ?? 'http://127.0.0.1:8080',
    },
  },
});
