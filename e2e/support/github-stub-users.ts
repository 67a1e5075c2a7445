import { createHash } from "node:crypto";

/** The numeric GitHub user id the stub gives a login (GitHub ids are numbers; Auth.js stores them as strings). */
export function githubStubUserId(login: string): number {
  return createHash("sha256").update(login).digest().readUInt32BE(0);
}
