import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The CareLoop server (`npm start`) listens on :3000; in dev the SPA proxies every API surface to it. */
const server = 'http://localhost:3000';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // zod, the contracts and src/app/zodConfig.ts share one chunk so `jitless` is set before any schema exists.
            { name: 'contracts', test: /[\\/](node_modules[\\/]zod|contracts[\\/]src|src[\\/]app[\\/]zodConfig)[\\/.]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: server, ws: true },
      '/files': { target: server },
      // The public help center (article images in the editor); a RegExp so the console's /helpcenter screens stay here.
      '^/help/': { target: server },
      // Public survey pages (signed links).
      '^/s/': { target: server },
      '/widget': { target: server, ws: true },
    },
  },
});
