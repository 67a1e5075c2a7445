// The rules of docs/security.md's ASVS mapping, as a pure function (scripts/check-security-doc.ts
// runs it in `npm run lint`; tests/check-security-doc.test.ts feeds it bad rows).

/**
 * Every Level 1 and Level 2 requirement of ASVS 5.0 chapters V3.3-V3.5, V6, V7, V9 and V10, from
 * the OWASP ASVS 5.0 source (5.0/en/0x12-V3 ... 0x19-V10). A row may not be missing or invented.
 */
export const ASVS_LEVEL_2_IDS: readonly string[] = [
  ...["3.3.1", "3.3.2", "3.3.3", "3.3.4"],
  ...["3.4.1", "3.4.2", "3.4.3", "3.4.4", "3.4.5", "3.4.6"],
  ...["3.5.1", "3.5.2", "3.5.3", "3.5.4", "3.5.5"],
  ...["6.1.1", "6.1.2", "6.1.3"],
  ...[
    "6.2.1",
    "6.2.2",
    "6.2.3",
    "6.2.4",
    "6.2.5",
    "6.2.6",
    "6.2.7",
    "6.2.8",
    "6.2.9",
    "6.2.10",
    "6.2.11",
    "6.2.12",
  ],
  ...["6.3.1", "6.3.2", "6.3.3", "6.3.4"],
  ...["6.4.1", "6.4.2", "6.4.3", "6.4.4"],
  ...["6.5.1", "6.5.2", "6.5.3", "6.5.4", "6.5.5"],
  ...["6.6.1", "6.6.2", "6.6.3"],
  ...["6.8.1", "6.8.2", "6.8.3", "6.8.4"],
  ...["7.1.1", "7.1.2", "7.1.3"],
  ...["7.2.1", "7.2.2", "7.2.3", "7.2.4"],
  ...["7.3.1", "7.3.2"],
  ...["7.4.1", "7.4.2", "7.4.3", "7.4.4", "7.4.5"],
  ...["7.5.1", "7.5.2"],
  ...["7.6.1", "7.6.2"],
  ...["9.1.1", "9.1.2", "9.1.3"],
  ...["9.2.1", "9.2.2", "9.2.3", "9.2.4"],
  ...["10.1.1", "10.1.2"],
  ...["10.2.1", "10.2.2"],
  ...["10.3.1", "10.3.2", "10.3.3", "10.3.4"],
  ...["10.4.1", "10.4.2", "10.4.3", "10.4.4", "10.4.5", "10.4.6", "10.4.7", "10.4.8", "10.4.9", "10.4.10"],
  "10.4.11",
  ...["10.5.1", "10.5.2", "10.5.3", "10.5.4", "10.5.5"],
  ...["10.6.1", "10.6.2"],
  ...["10.7.1", "10.7.2", "10.7.3"],
];

export const MAPPING_HEADING = "## ASVS 5.0 Level 2 mapping";

export type TestReference = { file: string; name: string };
export type MappingRow = { id: string; proof: string; tests: TestReference[] };

/** The section's table rows: `| id | requirement | how | proof |`. */
export function mappingRows(markdown: string): MappingRow[] {
  const start = markdown.indexOf(MAPPING_HEADING);
  if (start < 0) return [];
  const next = markdown.indexOf("\n## ", start + MAPPING_HEADING.length);
  const section = markdown.slice(start, next < 0 ? undefined : next);
  const rows: MappingRow[] = [];
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    // ["", id, requirement, how, proof, ""]
    if (cells.length !== 6 || !/^\d+\.\d+\.\d+$/.test(cells[1] ?? "")) continue;
    const proof = cells[4] ?? "";
    rows.push({ id: cells[1]!, proof, tests: testReferences(proof) });
  }
  return rows;
}

/** `` `file` › name `` references in a proof cell, separated by `<br>`. */
export function testReferences(proof: string): TestReference[] {
  return proof.split("<br>").flatMap((part) => {
    const match = /`([^`]+\.(?:test|spec)\.tsx?)` › (.+)$/.exec(part.trim());
    return match ? [{ file: match[1]!, name: match[2]!.trim() }] : [];
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Does this test file's source declare `it("name")`, `test("name")` or `it.each(…)("name")` (any quote)? */
export function declaresTest(source: string, name: string): boolean {
  const quoted = ['"', "'", "`"].map((quote) => `${quote}${escapeRegExp(name)}${quote}`).join("|");
  // `it("name", …)`, or a table test `it.each(rows)("name %s", …)` named as written.
  return new RegExp(`\\b(?:it|test)(?:\\.each\\b[\\s\\S]*?\\)\\s*)?\\(\\s*(?:${quoted})`).test(source);
}

/**
 * Every problem with the mapping: a requirement missing or unknown or listed twice, a row with no
 * proof, a proof that is neither tests nor `n/a:` nor `not yet:`, a named file that does not exist
 * (`read` returns null) or holds no test of that exact name.
 */
export function checkSecurityDoc(markdown: string, read: (file: string) => string | null): string[] {
  const rows = mappingRows(markdown);
  if (rows.length === 0) return [`no "${MAPPING_HEADING}" section with requirement rows`];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.id)) problems.push(`${row.id}: listed twice`);
    seen.add(row.id);
    if (!ASVS_LEVEL_2_IDS.includes(row.id))
      problems.push(`${row.id}: not a Level 1-2 requirement of these chapters`);
    const declared = /^(n\/a|not yet):\s*\S/.test(row.proof);
    if (row.tests.length === 0 && !declared) {
      problems.push(`${row.id}: no test, "n/a: why" or "not yet: which issue"`);
    }
    for (const { file, name } of row.tests) {
      const source = read(file);
      if (source === null) problems.push(`${row.id}: ${file} does not exist`);
      else if (!declaresTest(source, name)) problems.push(`${row.id}: ${file} has no test named "${name}"`);
    }
  }
  for (const id of ASVS_LEVEL_2_IDS) if (!seen.has(id)) problems.push(`${id}: missing`);
  return problems;
}
