// Runs once when a server instance starts (including on Vercel, where scripts/start.ts does not).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertValidEnvironment, checkStoredSecrets } = await import("@/lib/startup");
    assertValidEnvironment();
    await checkStoredSecrets();
    const { primeDummyHash } = await import("@/lib/auth/password");
    void primeDummyHash();
  }
}
