// The checker behind `npm run lint` that keeps docs/security.md's ASVS mapping honest.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ASVS_LEVEL_2_IDS, checkSecurityDoc, declaresTest } from "@/scripts/lib/security-doc";

const header =
  "## ASVS 5.0 Level 2 mapping\n\n| id | requirement | how | proof |\n| --- | --- | --- | --- |\n";
const row = (id: string, proof: string) => `| ${id} | r | h | ${proof} |\n`;
const files: Record<string, string> = {
  "tests/a.test.ts": 'it("does the thing", () => {});\ntest(\n  "breaks a long name",\n  () => {},\n);',
};
const read = (file: string) => files[file] ?? null;
/** A complete mapping whose rows are all n/a, with `rows` replacing theirs. */
function doc(rows: Record<string, string>): string {
  return header + ASVS_LEVEL_2_IDS.map((id) => row(id, rows[id] ?? "n/a: a reason")).join("");
}

describe("the security doc checker", () => {
  it("passes a mapping whose tests exist, and the real docs/security.md", () => {
    expect(
      checkSecurityDoc(
        doc({ "7.2.4": "`tests/a.test.ts` › does the thing<br>`tests/a.test.ts` › breaks a long name" }),
        read,
      ),
    ).toEqual([]);
    const real = readFileSync("docs/security.md", "utf8");
    expect(checkSecurityDoc(real, (file) => (existsSync(file) ? readFileSync(file, "utf8") : null))).toEqual(
      [],
    );
  });

  it("fails on a test that does not exist, a missing file, and a row with no proof", () => {
    expect(
      checkSecurityDoc(
        doc({
          "7.2.4": "`tests/a.test.ts` › does another thing",
          "7.3.1": "`tests/missing.test.ts` › does the thing",
          "7.3.2": "",
          "7.4.1": "trust me",
          "7.4.2": "not yet:",
        }),
        read,
      ),
    ).toEqual([
      '7.2.4: tests/a.test.ts has no test named "does another thing"',
      "7.3.1: tests/missing.test.ts does not exist",
      '7.3.2: no test, "n/a: why" or "not yet: which issue"',
      '7.4.1: no test, "n/a: why" or "not yet: which issue"',
      '7.4.2: no test, "n/a: why" or "not yet: which issue"',
    ]);
  });

  it("fails on a missing, an invented and a repeated requirement", () => {
    const complete = doc({});
    const withoutOne = complete.replace(row("9.2.3", "n/a: a reason"), "");
    expect(checkSecurityDoc(withoutOne + row("9.2.9", "n/a: x") + row("9.2.4", "n/a: y"), read)).toEqual([
      "9.2.9: not a Level 1-2 requirement of these chapters",
      "9.2.4: listed twice",
      "9.2.3: missing",
    ]);
    expect(checkSecurityDoc("# no mapping here", read)).toEqual([
      'no "## ASVS 5.0 Level 2 mapping" section with requirement rows',
    ]);
  });

  it("matches a test name exactly, not a prefix or a describe", () => {
    expect(declaresTest('it("does the thing", fn)', "does the thing")).toBe(true);
    expect(declaresTest("it('does the thing', fn)", "does the thing")).toBe(true);
    expect(declaresTest('it("does the thing twice", fn)', "does the thing")).toBe(false);
    expect(declaresTest('describe("does the thing", fn)', "does the thing")).toBe(false);
    expect(declaresTest('it("a (b) [c] $d", fn)', "a (b) [c] $d")).toBe(true);
  });
});
