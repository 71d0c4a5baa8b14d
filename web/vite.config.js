// Ward's web UI build. `npm run build` writes dist/ (the CMake build passes --outDir to write into
// the build directory instead); `npm run dev` serves the sources with hot reload and proxies /api
// to a running `ward serve` (WARD_API, default http://127.0.0.1:8080). See docs/web.md.
import { defineConfig } from 'vite';

export default defineConfig({
  // Preact's JSX through esbuild: no Babel, no plugin.
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  build: {
    // Everything external and same-origin, so the page runs under a CSP without 'unsafe-inline'
    // and without data: URLs.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2020',
  },
  server: {
    proxy: { '/api': { target: process.env.WARD_API || 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
