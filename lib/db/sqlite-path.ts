import { isAbsolute, resolve } from "node:path";

/**
 * The file behind a `file:` DATABASE_URL. Relative paths are taken from the project root (the
 * working directory of every npm script), not from the schema file as Prisma's own URLs are.
 */
export function sqliteFilePath(url: string): string {
  const path = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}
