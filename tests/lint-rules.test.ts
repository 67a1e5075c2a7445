import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { folderCycles, folderEdges } from "@/scripts/lib/import-graph";

describe("npm run lint", () => {
  it("refuses a Prisma import under app/, and allows lib verbs there", async () => {
    const eslint = new ESLint({ cwd: process.cwd() });
    const lint = async (code: string) =>
      (await eslint.lintText(code, { filePath: "app/account/example/page.tsx" }))[0]!.messages.map(
        (message) => message.ruleId,
      );
    expect(await lint('import { db } from "@/lib/db";\nexport const x = db;\n')).toContain(
      "no-restricted-imports",
    );
    expect(
      await lint(
        'import { PrismaClient } from "@/lib/db/generated/sqlite/client";\nexport const x = PrismaClient;\n',
      ),
    ).toContain("no-restricted-imports");
    // The same client by a relative path or through index is refused too.
    for (const specifier of ["../../../lib/db", "@/lib/db/index"]) {
      expect(await lint(`import { db } from "${specifier}";\nexport const x = db;\n`)).toContain(
        "no-restricted-imports",
      );
    }
    expect(
      await lint('import { requireUser } from "@/lib/identity";\nexport const x = requireUser;\n'),
    ).not.toContain("no-restricted-imports");
    expect(
      await lint('import { pingDatabase } from "../../../lib/db";\nexport const x = pingDatabase;\n'),
    ).not.toContain("no-restricted-imports");
  }, 60_000);

  it("refuses an error body built by hand under app/ and lib/, outside lib/http's one helper", async () => {
    const eslint = new ESLint({ cwd: process.cwd() });
    const lint = async (code: string, filePath: string) =>
      (await eslint.lintText(code, { filePath }))[0]!.messages.map((message) => message.ruleId);
    const byHand =
      'export const r = Response.json({ error: { code: "x", message: "y" } }, { status: 401 });\n';
    expect(await lint(byHand, "app/api/example/route.ts")).toContain("no-restricted-syntax");
    expect(await lint(byHand.replace("error:", '"error":'), "lib/example/http.ts")).toContain(
      "no-restricted-syntax",
    );
    expect(await lint(byHand, "lib/http/json.ts")).not.toContain("no-restricted-syntax");
    const helper =
      'import { jsonError } from "@/lib/http/json";\nexport const r = jsonError(401, "x", "y");\n';
    expect(await lint(helper, "app/api/example/route.ts")).not.toContain("no-restricted-syntax");
  }, 60_000);

  it("finds a cycle between lib/ folders, directly or through others, and names the imports", () => {
    const sources = new Map([
      ["lib/a/one.ts", 'import { b } from "@/lib/b/two";'],
      ["lib/b/two.ts", 'import type { C } from "../c";\nexport const b = 1;'],
      ["lib/c/index.ts", 'export { a } from "@/lib/a/one";'],
      ["lib/d.ts", 'import { a } from "@/lib/a/one";'],
      ["lib/a/three.ts", 'import { x } from "./one";'],
    ]);
    const edges = folderEdges(sources);
    expect(folderCycles(edges)).toEqual([["a", "b", "c"]]);
    expect(edges).toContainEqual({ from: "b", to: "c", file: "lib/b/two.ts", specifier: "../c" });
    expect(folderCycles(edges.filter((edge) => edge.from !== "c"))).toEqual([]);
  });
});
