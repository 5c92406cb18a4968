import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The dev server proxies everything the editor talks to, so `pnpm --filter @kairos/web dev`
// runs against a Kairos started with `pnpm start` on :3000 (override with KAIROS_URL).
const target = process.env.KAIROS_URL ?? 'http://127.0.0.1:3000'

export default defineConfig({
  plugins: [vue()],
  // Relative asset URLs: the built editor works wherever the server mounts web/dist.
  base: './',
  server: {
    port: 5173,
    proxy: {
      '/api/live': { target, ws: true },
      '/api': { target },
      '/docs': { target },
      '/health': { target },
    },
  },
  // web/public holds the placeholder page the server shows when no build exists, not assets.
  publicDir: false,
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 900 },
})
