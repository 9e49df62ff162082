/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'
import Components from 'unplugin-vue-components/vite'
import { VitePWA } from 'vite-plugin-pwa'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import type { ComponentResolverObject } from 'unplugin-vue-components/types'
import { fileURLToPath, URL } from 'node:url'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'

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
        // the portal's own stylesheet last: Vant's pieces it shares with the staff phone's pages
        // come in chunks of their own, and must not override the portal's rules
        links.sort((a, b) => Number(/\/portal-[^/"]*\.css/.test(a)) - Number(/\/portal-[^/"]*\.css/.test(b)))
        return rest.replace('</body>', `  ${links.join('\n    ')}\n  </body>`)
      },
    },
  }
}

// The public portal stays a plain web page: no "install the app" (the manifest is the staff
// phone's), nothing on a visitor's phone to say what she opened.
function portalWithoutManifest(): Plugin {
  return {
    name: 'hejia-portal-without-manifest',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) => (ctx.filename.endsWith('portal.html') ? html.replace(/\s*<link rel="manifest"[^>]*>/g, '') : html),
    },
  }
}

// Element Plus comes in pieces: each chunk carries the components it uses and their styles, so
// the sign-in page downloads a form, not the whole library. Tags (<el-table>) and v-loading are
// imported by unplugin-vue-components; a script's own `import { ElMessage } from 'element-plus'`
// gets its stylesheet here, from the same resolver (ElMessageBox → message-box/style/css).
const elementPlus = ElementPlusResolver({ importStyle: 'css' })
function elementPlusScriptStyles(): Plugin {
  const components = elementPlus[0] as ComponentResolverObject
  return {
    name: 'hejia-element-plus-script-styles',
    enforce: 'post',
    async transform(code, id) {
      if (id.includes('/node_modules/') || !/\.(ts|vue)$/.test(id.split('?')[0]) || !code.includes('element-plus')) return
      const styles = new Set<string>()
      for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]element-plus['"]/g)) {
        for (const part of m[1].split(',')) {
          const name = part.trim().split(/\s+as\s+/)[0]
          if (!/^El[A-Z]/.test(name)) continue
          const found = await components.resolve(name)
          const effects = found && typeof found === 'object' ? found.sideEffects : undefined
          for (const e of [effects ?? []].flat()) styles.add(typeof e === 'string' ? e : String(e))
        }
      }
      if (!styles.size) return
      return { code: [...styles].map((s) => `import '${s}'\n`).join('') + code, map: null }
    },
  }
}

// @element-plus/icons-vue is one file of 290 icons: a bundler keeps a module in one chunk, so every
// icon any page uses would come with the sign-in page. Each icon becomes a module of its own here
// (`import { Plus } from '@element-plus/icons-vue'`, in the app and in Element Plus alike, imports
// the module of Plus), and travels with the pages that show it.
function elementIconsApart(): Plugin {
  const PREFIX = '\0ep-icon:'
  let icons: { code: Map<string, string>; byName: Map<string, string> } | null = null
  const read = () => {
    if (icons) return icons
    // the ES module build (dist/index.js): require.resolve would give the CommonJS one
    const pkg = createRequire(import.meta.url).resolve('@element-plus/icons-vue/package.json')
    const text = readFileSync(join(dirname(pkg), JSON.parse(readFileSync(pkg, 'utf8')).module), 'utf8')
    const code = new Map<string, string>()
    for (const part of text.split(/^\/\/ src\/components\/[\w-]+\.vue$/m).slice(1)) {
      const end = part.search(/^export \{/m)
      const body = end < 0 ? part : part.slice(0, end)
      const name = /\b(\w+_default) = _sfc_main\d*;/.exec(body)?.[1]
      if (name) code.set(name, `${body}\nexport default ${name};\n`)
    }
    const byName = new Map<string, string>()
    const list = /^export \{([^}]*)\}/m.exec(text)?.[1] ?? ''
    for (const m of list.matchAll(/(\w+) as (\w+)/g)) if (code.has(m[1])) byName.set(m[2], m[1])
    if (byName.size < 200) throw new Error('elementIconsApart: @element-plus/icons-vue is not laid out as expected')
    return (icons = { code, byName })
  }
  const FROM = /(import|export)\s*\{([^}]*)\}\s*from\s*['"]@element-plus\/icons-vue['"];?/g
  return {
    name: 'hejia-element-icons-apart',
    resolveId: (id) => (id.startsWith(PREFIX) ? id : undefined),
    load: (id) => (id.startsWith(PREFIX) ? read().code.get(id.slice(PREFIX.length)) : undefined),
    transform(code, id) {
      if (!code.includes('@element-plus/icons-vue') || id.startsWith(PREFIX) || id.includes('/@element-plus/icons-vue/')) return
      const { byName } = read()
      const out = code.replace(FROM, (all, kind: string, names: string) => {
        const parts = names.split(',').map((p) => p.trim()).filter(Boolean).map((p) => p.split(/\s+as\s+/))
        if (parts.some(([name]) => !byName.has(name))) return all
        return parts.map(([name, local = name]) => kind === 'import'
          ? `import ${local} from '${PREFIX}${byName.get(name)}';`
          : `export { default as ${local} } from '${PREFIX}${byName.get(name)}';`).join('\n')
      })
      return out === code ? undefined : { code: out, map: null }
    },
  }
}

// main.css restyles Element Plus (.el-table, .el-drawer__header, the el-header under .layout-header …)
// with selectors as specific as Element Plus's own, and won those ties by coming after the whole
// library's stylesheet. Element Plus's styles now come with the chunks that use them, after
// main.css: each of its rules gets one type selector more (`body .el-table`), which wins a tie
// whatever the order and changes no other outcome (component styles are scoped: a class more).
const mainCssWinsTies = {
  postcssPlugin: 'hejia-main-css-wins-ties',
  Rule(rule: { selectors: string[]; source?: { input: { file?: string } }; parent?: { type: string; name?: string } }) {
    if (!rule.source?.input.file?.replace(/\\/g, '/').endsWith('/src/styles/main.css')) return
    if (rule.parent?.type === 'atrule' && /keyframes/i.test(rule.parent.name ?? '')) return
    const raised = rule.selectors.map((sel) => (/^(html|body|:root)\b/.test(sel) ? sel : `body ${sel}`))
    if (raised.some((sel, i) => sel !== rule.selectors[i])) rule.selectors = raised
  },
}

export default defineConfig({
  plugins: [
    vue(),
    // components of src/ are imported by name where used; only Element Plus is resolved. Not
    // under Vitest: Node cannot import a stylesheet, and the tests install Element Plus whole.
    ...(process.env.VITEST ? [] : [Components({ dirs: [], dts: false, resolvers: [elementPlus] }), elementPlusScriptStyles()]),
    elementIconsApart(),
    portalStylesLast(),
    // An installable app for the grid sister's phone (/m): a manifest, and a service worker
    // (Workbox) that precaches the built console's shell, so that it opens with no signal. Pages
    // are the console's index.html; the API, and the public portal (/life, its own page), never.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: null, // main.ts registers it (no inline script under the CSP)
      manifestFilename: 'manifest.webmanifest',
      includeAssets: ['favicon.svg'],
      manifest: {
        name: '和家 · 格姐走访',
        short_name: '格姐走访',
        description: '网格走访、五必访、离线记录 / Grid visits, offline',
        lang: 'zh-CN',
        start_url: '/m',
        scope: '/',
        display: 'standalone',
        background_color: '#f5f6f8',
        theme_color: '#1677ff',
        icons: [{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['index.html', 'assets/**/*.{js,css,svg,woff2}', 'favicon.svg'],
        globIgnores: ['**/portal*', 'portal.html'],
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/life/, /^\/portal/, /^\/readyz/, /^\/healthz/],
        cleanupOutdatedCaches: true,
      },
      devOptions: { enabled: false },
    }),
    portalWithoutManifest(),
    VueI18nPlugin({
      include: [
        fileURLToPath(new URL('./src/i18n/locales/**', import.meta.url)),
        fileURLToPath(new URL('./src/portal/locales/**', import.meta.url)),
      ],
      runtimeOnly: true,
      compositionOnly: true,
      fullInstall: false, // no <i18n-t> or v-t: t() only
      strictMessage: false,
      // the plugin defines __INTLIFY_DROP_MESSAGE_COMPILER__ itself (false unless told): without
      // this the message compiler, which the CSP would refuse to use anyway, is bundled
      dropMessageCompiler: true,
    }),
  ],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      'vue-i18n': 'vue-i18n/dist/vue-i18n.runtime.esm-bundler.js',
    },
  },
  css: { postcss: { plugins: [mainCssWinsTies] } },
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
    setupFiles: ['src/i18n/test-setup.ts'],
  },
})
