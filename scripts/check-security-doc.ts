// `npm run lint`: docs/security.md's ASVS mapping names only tests that exist (see
// scripts/lib/security-doc.ts for the rules).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./lib/prisma-cli";
import { checkSecurityDoc, mappingRows } from "./lib/security-doc";

const doc = readFileSync(join(root, "docs/security.md"), "utf8");
const read = (file: string) => {
  const path = join(root, file);
  return existsSync(path) ? readFileSync(path, "utf8") : null;
};
const problems = checkSecurityDoc(doc, read);
if (problems.length === 0) {
  const rows = mappingRows(doc);
  const tests = rows.reduce((sum, row) => sum + row.tests.length, 0);
  console.log(`security doc: ${rows.length} ASVS requirements mapped, ${tests} test references found`);
} else {
  for (const problem of problems) console.error(`security doc: ${problem}`);
  process.exitCode = 1;
}
