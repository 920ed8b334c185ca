// The console's build: served by the service itself at /app/ (same origin, no second server).
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  base: '/app/',
  // React's automatic JSX runtime through Vite's own transform; @vitejs/plugin-react (fast refresh only) has a
  // peer conflict with the Babel 8 release candidates this tree resolves, and we need no fast refresh in a build.
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: { proxy: { '^/(?!app/).*': 'http://127.0.0.1:3000' } },
});
