import { randomUUID } from "node:crypto";
import { test as base, expect } from "@playwright/test";

export { expect };

/** A fresh email per call, so tests never share users. */
export function uniqueEmail(label = "e2e"): string {
  return `${label}-${randomUUID()}@example.test`;
}

export const E2E_PASSWORD = "correct horse battery staple";

/**
 * Every test gets its own client IP (the e2e server trusts X-Forwarded-For), so per-IP rate
 * limits never couple tests that run in parallel.
 */
export const test = base.extend({
  extraHTTPHeaders: async ({}, provide) => {
    const octet = () => Math.floor(Math.random() * 250) + 1;
    await provide({ "x-forwarded-for": `10.${octet()}.${octet()}.${octet()}` });
  },
});
