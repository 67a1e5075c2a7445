import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and Node-only packages stay out of the bundle and load from node_modules.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "oidc-provider", "pg"],
  // Playwright builds into its own folder so `npm test` never disturbs a running `npm run dev`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
