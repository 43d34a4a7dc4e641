// საიტის service worker-ი: hooks/offline.py უშვებს ამას აწყობის ბოლოს (node build-sw.mjs <json>).
// workbox-build-ის generateSW: წინასწარ ინახავს (precache) გვერდებს, CSS-ს, JS-ს, შრიფტებს და
// ძიების ინდექსს; runner-ის დიდ ფაილებს (Pyodide, worker.js, ბორბლები) პირველი გამოყენებისას.
// Workbox's runtime is bundled into sw.js itself (inlineWorkboxRuntime): nothing from a CDN.
import { generateSW } from "workbox-build";

const options = JSON.parse(process.argv[2]);
const { count, size, warnings } = await generateSW({
  globDirectory: options.site,
  globPatterns: ["**/*.{html,css,js,woff2,json,svg,png,ico,xml,txt}"],
  globIgnores: options.ignore,
  swDest: `${options.site}/sw.js`,
  cacheId: `mg-${options.version}`, // the build's version is in the precache's name
  inlineWorkboxRuntime: true,
  mode: "production",
  sourcemap: false,
  clientsClaim: true, // the first visit's page is served by it once it is installed
  skipWaiting: false, // a new version waits until the reader agrees (the update notice)
  cleanupOutdatedCaches: true,
  directoryIndex: "index.html",
  // `?print=worksheet|key` და `?projector=1` იმავე გვერდს ხსნის (teacher.js): ოფლაინშიც
  ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, /^print$/, /^projector$/],
  maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
  dontCacheBustURLsMatching: /\.[0-9a-f]{8,}\.min\.(js|css)$/, // Material's hashed bundles
  importScripts: [options.extra],
  runtimeCaching: [
    {
      urlPattern: new RegExp(options.runner),
      handler: "CacheFirst",
      options: { cacheName: options.runner_cache },
    },
  ],
});
for (const warning of warnings) console.error(`workbox: ${warning}`);
console.log(JSON.stringify({ count, size }));
