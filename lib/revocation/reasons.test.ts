import { describe, expect, it } from "vitest";
import { parseRevocationReason, REVOCATION_REASONS, revocationReasonLabel } from "./reasons";

describe("revocation reasons", () => {
  it.each(Object.entries(REVOCATION_REASONS))("labels %s as %s", (code, label) => {
    expect(revocationReasonLabel(code)).toBe(label);
    expect(label).not.toContain("_");
  });

  it.each([
    ["signed out", "signed_out"],
    ["sign_out_everywhere", "signed_out_everywhere"],
    ["password changed", "password_changed"],
    ["user disabled", "user_disabled"],
    ["revoked by client", "revoked_by_client"],
    ["reuse detected", "reuse_detected"],
    ["replaced by a new sign-in", "replaced_by_sign_in"],
  ] as const)("reads the legacy spelling %j as %s", (legacy, code) => {
    expect(parseRevocationReason(legacy)).toBe(code);
    expect(revocationReasonLabel(legacy)).toBe(REVOCATION_REASONS[code]);
  });

  it("never shows a raw unknown value", () => {
    expect(parseRevocationReason("<script>")).toBeNull();
    expect(revocationReasonLabel("<script>")).toBe("no reason recorded");
    expect(revocationReasonLabel(null)).toBe("no reason recorded");
    expect(parseRevocationReason("toString")).toBeNull();
  });
});
