// `npm run lint`, second half: fails when lib/ folders import each other in a cycle.
import { folderCycles, folderEdges, readLibSources } from "./lib/import-graph";
import { root } from "./lib/prisma-cli";

const edges = folderEdges(readLibSources(root));
const cycles = folderCycles(edges);
if (cycles.length === 0) {
  console.log(`imports: no cycles between lib/ folders (${new Set(edges.map((e) => e.from)).size} folders)`);
} else {
  for (const cycle of cycles) {
    console.error(`imports: lib/ folders import each other in a cycle: ${cycle.join(", ")}`);
    for (const edge of edges.filter((e) => cycle.includes(e.from) && cycle.includes(e.to))) {
      console.error(`  ${edge.from} -> ${edge.to}: ${edge.file} imports "${edge.specifier}"`);
    }
  }
  process.exitCode = 1;
}
