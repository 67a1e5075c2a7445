// Every server action goes through the one wrapper (lib/forms/action.ts), so a store that is
// down reads as "nothing was changed, try again" on every form, never as the generic error page
// and never as a sign-in redirect. Walks app/ like tests/http-layer.test.ts walks route files.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { isFormAction } from "@/lib/forms/action";

function actionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return actionFiles(path);
    return /\.(ts|tsx)$/.test(name) && /^\s*["']use server["']/.test(readFileSync(path, "utf8"))
      ? [path]
      : [];
  });
}

const files = actionFiles(join(process.cwd(), "app")).map((path) => relative(process.cwd(), path));

describe("every server action goes through the one wrapper", () => {
  it("finds the action files (every 'use server' module under app/)", () => {
    expect(files).toContain("app/(auth)/jwt/actions.ts");
    expect(files).toContain("app/account/sessions/actions.ts");
    expect(files.length).toBeGreaterThanOrEqual(9);
    expect(files.every((file) => file.endsWith("/actions.ts"))).toBe(true);
  });

  it.each(files)("%s exports only wrapped actions", async (file) => {
    const exported = (await import(/* @vite-ignore */ join(process.cwd(), file))) as Record<string, unknown>;
    const names = Object.keys(exported);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(isFormAction(exported[name]), `${file} ${name}`).toBe(true);
  });
});
