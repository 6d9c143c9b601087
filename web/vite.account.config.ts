// Builds the customer area (the shopper's account) from account/index.html into dist-account/,
// served by the clientele binary under /account/. It imports only the shared modules of src/
// (api, router, hooks, components, the address rules), never an admin page.
import { defineConfig } from 'vite';
import { clienteleConfig } from './vite.shared';

export default defineConfig(
  clienteleConfig({ base: '/account/', root: 'account', outDir: 'dist-account', port: 5174 }),
);
