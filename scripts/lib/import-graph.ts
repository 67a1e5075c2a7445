import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

// The rule behind `npm run lint`'s folder check: no folder of lib/ imports a folder that imports
// it back, directly or through others. Folders are the units a reader navigates (one per concern,
// one per mode), so a cycle between two of them means neither can be understood, moved or
// replaced alone. Files directly in lib/ (env.ts, log.ts, ...) count as folders of their own.

const IMPORT = /(?:import|export)\s[^"']*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

export type FolderEdge = { from: string; to: string; file: string; specifier: string };

/** The lib/ folder a repository path belongs to ("lib/jwt/keys.ts" -> "jwt", "lib/env.ts" -> "env"). */
export function libFolderOf(path: string): string | null {
  const parts = path.split("/");
  if (parts[0] !== "lib" || parts.length < 2) return null;
  return parts.length === 2 ? parts[1]!.replace(/\.tsx?$/, "") : parts[1]!;
}

function resolveSpecifier(file: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return join(dirname(file), specifier);
  return null;
}

/** Edges between lib/ folders found in `sources` (repository path -> file text). */
export function folderEdges(sources: Map<string, string>): FolderEdge[] {
  const edges: FolderEdge[] = [];
  for (const [file, text] of sources) {
    const from = libFolderOf(file);
    if (!from) continue;
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2]!;
      const target = resolveSpecifier(file, specifier);
      const to = target ? libFolderOf(target) : null;
      if (to && to !== from) edges.push({ from, to, file, specifier });
    }
  }
  return edges;
}

/** Every set of folders that import each other in a ring (Tarjan's strongly connected components). */
export function folderCycles(edges: FolderEdge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    if (!graph.has(from)) graph.set(from, new Set());
    if (!graph.has(to)) graph.set(to, new Set());
    graph.get(from)!.add(to);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

/** The lib/ sources of a checkout, tests excluded (a test may import what it tests from anywhere). */
export function readLibSources(root: string): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === "generated" || name === "node_modules") continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name))
        sources.set(relative(root, path), readFileSync(path, "utf8"));
    }
  };
  walk(resolve(root, "lib"));
  return sources;
}
