import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { expect, test } from "./fixtures";
import { E2E_PORT, E2E_SECRETS } from "./support/server-config";

// A second production server on the e2e database whose JWT_KEYS_SECRET no longer decrypts the
// stored signing key (the secret was replaced instead of rotated): it must refuse to start and
// say which variable to fix (ASVS 13.3.4), not answer every JWT sign-in with a 500.

const PORT = E2E_PORT + 51;
// One port for every server this file starts: one test at a time.
test.describe.configure({ mode: "serial" });

function startServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const databaseUrl = process.env.DATABASE_URL?.startsWith("postgres")
    ? process.env.DATABASE_URL
    : `file:${join(process.cwd(), "prisma", `e2e-${E2E_PORT}.db`)}`;
  const server = spawn(
    "node_modules/.bin/next",
    ["start", "--hostname", "localhost", "--port", String(PORT)],
    {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        NEXT_DIST_DIR: ".next-e2e",
        NEXT_TELEMETRY_DISABLED: "1",
        APP_URL: `http://localhost:${PORT}`,
        DATABASE_URL: databaseUrl,
        TRUST_PROXY: "1",
        ...E2E_SECRETS,
        ...env,
      },
    },
  );
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // A server that starts after all is stopped: the test then fails on its exit code.
  const stop = setTimeout(() => server.kill("SIGTERM"), 45_000);
  // A server that skipped its start-up checks meets them on its first request (proxy.ts).
  const poke = setInterval(() => {
    fetch(`http://localhost:${PORT}/api/health`).catch(() => undefined);
  }, 1000);
  return new Promise((resolve) =>
    server.on("exit", (code) => {
      clearTimeout(stop);
      clearInterval(poke);
      resolve({ code, output });
    }),
  );
}

test("a production server refuses to start when no JWT_KEYS_SECRET decrypts the stored signing key", async ({
  user,
  signIn,
}) => {
  // The e2e server signs with a stored key (made at its first JWT sign-in, if not before).
  await signIn.jwt(user);
  const replaced = randomBytes(32).toString("base64url");
  const { code, output } = await startServer({ JWT_KEYS_SECRET: replaced });
  expect(code).toBe(1);
  expect(output).toContain("authlab: refusing to start.");
  expect(output).toMatch(/JWT_KEYS_SECRET: signing key \S+ decrypts with none of the listed secrets/);
  expect(output).toContain("JWT_KEYS_SECRET=<new>,<old>");
  expect(output).not.toContain(replaced);
  expect(output).not.toContain(E2E_SECRETS.JWT_KEYS_SECRET);
});

// Production settings that must be explicit (issue 10, item 8): each refused at start, by name.
const NO_SECRETS = { SESSION_SECRET: "", JWT_KEYS_SECRET: "", AUTH_SECRET: "" };

test("a NEXT_PHASE left set at run time does not skip the secret checks", async () => {
  const { code, output } = await startServer({ NEXT_PHASE: "phase-production-build", ...NO_SECRETS });
  expect(code).toBe(1);
  expect(output).toContain("authlab: refusing to start.");
  expect(output).toContain("SESSION_SECRET is not set");
});

test("production refuses to start without APP_URL (no localhost default)", async () => {
  const { code, output } = await startServer({ APP_URL: "" });
  expect(code).toBe(1);
  expect(output).toContain("APP_URL must be set in production");
});

test("the demo provider is refused unless APP_URL is loopback", async () => {
  const { code, output } = await startServer({ AUTH_DEMO_IDP: "1", APP_URL: "https://authlab.example.com" });
  expect(code).toBe(1);
  expect(output).toContain("AUTH_DEMO_IDP=1 is only allowed when APP_URL is on loopback");
});
