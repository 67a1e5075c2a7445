import { afterEach } from "vitest";
import { resetEnvForTests } from "@/lib/env";

/**
 * Switches JWT_DENYLIST for the rest of a test, and back to the default after each one, so a
 * file can show the same flow with the deny-list off and on.
 */
export function denyListSwitch(): (on: boolean) => void {
  afterEach(() => {
    delete process.env.JWT_DENYLIST;
    resetEnvForTests();
  });
  return (on) => {
    process.env.JWT_DENYLIST = on ? "1" : "0";
    resetEnvForTests();
  };
}
