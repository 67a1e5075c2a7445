import { isAbsolute, resolve } from "node:path";

/**
 * The file behind a `file:` DATABASE_URL. Relative paths are taken from the project root (the
 * working directory of every npm script), not from the schema file as Prisma's own URLs are.
 */
export function sqliteFilePath(url: string): string {
  const path = url.replace(/^file:/, "").replace(/\?.*$/, "");
  // A run-time path, not a file of the build: the comment keeps Turbopack from tracing (and
  // bundling into every server function) the whole project because of it.
  return isAbsolute(path) ? path : resolve(/* turbopackIgnore: true */ process.cwd(), path);
}
