// `npm run db:migration -- <name>`: writes a new migration for SQLite and for Postgres from the
// change in prisma/models.prisma since the last migration. Prisma 6.19's offline engine cannot
// diff against a live database or replay migrations on a shadow database, so the models as of
// the last migration are kept in prisma/migrations/models.snapshot.prisma and diffed as files.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root, runPrisma } from "./lib/prisma-cli";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name in snake_case>");
  process.exit(2);
}

const snapshot = join(root, "prisma/migrations/models.snapshot.prisma");
const models = join(root, "prisma/models.prisma");
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const scratch = mkdtempSync(join(tmpdir(), "authlab-migration-"));
// The Postgres adapter needs a reachable server even to diff two files.
const urls = { sqlite: "file:./prisma/unused.db", postgres: "postgresql://postgres@127.0.0.1:5432/postgres" };

let wrote = false;
for (const provider of ["sqlite", "postgres"] as const) {
  const header = readFileSync(join(root, `prisma/providers/${provider}.prisma`), "utf8");
  const from = join(scratch, `${provider}-from.prisma`);
  const to = join(scratch, `${provider}-to.prisma`);
  writeFileSync(from, header + readFileSync(snapshot, "utf8"));
  writeFileSync(to, header + readFileSync(models, "utf8"));
  const diff = runPrisma(
    ["migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"],
    { env: { AUTHLAB_DB_PROVIDER: provider, DATABASE_URL: process.env.MIGRATION_PG_URL ?? urls[provider] } },
  );
  if (diff.status !== 0) process.exit(diff.status);
  if (!/\b(CREATE|ALTER|DROP)\b/.test(diff.stdout)) continue;
  const dir = join(root, "prisma/migrations", provider, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "migration.sql"), diff.stdout);
  console.log(`wrote ${dir}/migration.sql`);
  wrote = true;
}
if (wrote) copyFileSync(models, snapshot);
else console.log("No change in prisma/models.prisma since the last migration.");
