import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and Node-only packages stay out of the bundle and load from node_modules.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "oidc-provider", "pg"],
  // Playwright builds into its own folder so `npm test` never disturbs a running `npm run dev`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // `npm run bench` builds with AUTHLAB_BENCH_BUILD=1: only then are `route.bench.ts` files
  // routes (its measuring endpoints). Every other build has no trace of them.
  pageExtensions:
    process.env.AUTHLAB_BENCH_BUILD === "1" ? ["bench.ts", "tsx", "ts"] : ["tsx", "ts", "jsx", "js"],
  async headers() {
    // Baseline response headers (ASVS 5.0 3.4.x). The CSP (a nonce per response) and HSTS are
    // set in proxy.ts (lib/security/headers.ts).
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
