// Builds the admin UI into dist/, served by the clientele binary under /admin/.
import { defineConfig } from 'vite';
import { clienteleConfig } from './vite.shared';

export default defineConfig(
  clienteleConfig({ base: '/admin/', root: '.', outDir: 'dist', port: 5173 }),
);
