/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'
import { fileURLToPath, URL } from 'node:url'

// The server sends a strict CSP (no eval, no inline scripts), so vue-i18n runs its
// runtime-only build and every message is precompiled here at build time.
// The portal's page paints its own shell (title, quick exit, 110 and 12338) before anything else
// arrives: its stylesheet, which Vite links in the head and which would hold the first paint
// back, goes to the end of the body, after the shell. The module script still runs only once
// the stylesheet is in, so the app never shows unstyled.
function portalStylesLast(): Plugin {
  return {
    name: 'hejia-portal-styles-last',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.filename.endsWith('portal.html')) return html
        const links: string[] = []
        const rest = html.replace(/\s*<link rel="stylesheet"[^>]*>/g, (link) => {
          links.push(link.trim())
          return ''
        })
        return rest.replace('</body>', `  ${links.join('\n    ')}\n  </body>`)
      },
    },
  }
}

export default defineConfig({
  plugins: [
    vue(),
    portalStylesLast(),
    VueI18nPlugin({
      include: [
        fileURLToPath(new URL('./src/i18n/locales/**', import.meta.url)),
        fileURLToPath(new URL('./src/portal/locales/**', import.meta.url)),
      ],
      runtimeOnly: true,
      compositionOnly: true,
      fullInstall: true,
      strictMessage: false,
    }),
  ],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      'vue-i18n': 'vue-i18n/dist/vue-i18n.runtime.esm-bundler.js',
    },
  },
  define: {
    __INTLIFY_JIT_COMPILATION__: false,
    __INTLIFY_DROP_MESSAGE_COMPILER__: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
    // two pages: the staff console, and the public portal (served for /life*), which shares
    // only Vue, the router and vue-i18n with it
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        portal: fileURLToPath(new URL('./portal.html', import.meta.url)),
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
})
