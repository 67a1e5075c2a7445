import { describe, expect, it } from "vitest";
import { isStoreUnavailable, readStore, StoreUnavailableError } from "./errors";

const coded = (code: string, message = "driver error") => Object.assign(new Error(message), { code });

describe("isStoreUnavailable", () => {
  it("recognises outages by Prisma code, driver code, SQLSTATE, adapter kind and message, also as a cause", () => {
    for (const error of [
      coded("P1001"),
      coded("ECONNREFUSED"),
      coded("57P01"),
      coded("08006"),
      coded("SQLITE_IOERR_WRITE"),
      coded("SQLITE_BUSY_SNAPSHOT"),
      Object.assign(new Error("x"), { cause: { kind: "DatabaseNotReachable" } }),
      new Error("Query read timeout"),
      new Error("wrapped", { cause: new Error("timeout exceeded when trying to connect") }),
      new StoreUnavailableError(),
    ]) {
      expect(isStoreUnavailable(error), String(error)).toBe(true);
    }
  });

  it("leaves every other failure alone: those are bugs, not outages", () => {
    for (const error of [
      new Error("boom"),
      coded("P2002", "Unique constraint failed"),
      coded("SQLITE_CONSTRAINT_UNIQUE"),
      coded("23505"),
      "a string",
      null,
    ]) {
      expect(isStoreUnavailable(error), String(error)).toBe(false);
    }
  });
});

describe("readStore", () => {
  it("turns an outage into StoreUnavailableError and passes values and other errors through", async () => {
    await expect(readStore(Promise.resolve(42))).resolves.toBe(42);
    await expect(readStore(Promise.reject(coded("ECONNRESET")))).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    const bug = new Error("boom");
    await expect(readStore(Promise.reject(bug))).rejects.toBe(bug);
  });
});
