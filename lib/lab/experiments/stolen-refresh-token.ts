import "server-only";
import { db } from "@/lib/db";
import { refreshTokenPair } from "@/lib/jwt/token-pair";
import { type LabContext, signInJwt } from "../context";
import { STANDARDS } from "../standards";
import type { Experiment } from "../experiment";

/** A refresh attempt as its caller sees it: a new pair, or why not. */
async function refresh(token: string, lab: LabContext, browser: boolean) {
  const result = await refreshTokenPair(token, lab.context, { allowSuperseded: browser });
  return result.ok
    ? { ok: true as const, next: result.value.refresh.token }
    : { ok: false as const, reason: result.reason };
}

const outcome = (result: { ok: boolean; reason?: string }) =>
  result.ok ? "new tokens issued" : `refused: ${result.reason}`;

async function run(lab: LabContext) {
  lab.step("Signing in with JWT mode: refresh token #1 (an attacker copies it)");
  const { pair } = await signInJwt(lab);
  const stolen = pair.refresh.token;

  lab.step("The legitimate browser refreshes: #1 is used up, #2 issued");
  const legit = await refresh(stolen, lab, true);
  if (!legit.ok) throw new Error(`lab: the first refresh failed (${legit.reason})`);

  lab.step("The copy of #1 comes back through the browser cookie path, within its 10 s grace");
  const throughCookie = await refresh(stolen, lab, true);

  lab.step("The copy of #1 comes back through the token API (no grace: RFC 9700 strict)");
  const throughApi = await refresh(stolen, lab, false);

  lab.step("The legitimate browser refreshes with #2");
  const legitNext = await refresh(legit.next, lab, true);

  lab.step("Reading the family and the audit log");
  const family = await db.refreshTokenFamily.findUnique({
    where: { id: pair.refresh.familyId },
    select: { revokedAt: true, revokedReason: true },
  });
  const audited = await db.auditEvent.count({ where: { userId: lab.user.id, type: "token.reuse_detected" } });

  const holds =
    !throughApi.ok &&
    throughApi.reason === "reused" &&
    !legitNext.ok &&
    Boolean(family?.revokedAt) &&
    audited > 0;
  return {
    verdict: holds ? "holds" : "does_not_hold",
    headline: `Reused refresh token: ${outcome(throughApi)}; whole family revoked: ${family?.revokedAt ? "yes" : "no"}; legitimate browser at its next refresh: ${outcome(legitNext)}`,
    measurements: [
      { label: "Legitimate refresh with #1", value: "new tokens issued" },
      { label: "Copy of #1 via the cookie path, within the grace", value: outcome(throughCookie) },
      { label: "Copy of #1 via the token API", value: outcome(throughApi) },
      {
        label: "Family after the reuse",
        value: family?.revokedAt ? `revoked (${family.revokedReason})` : "live",
      },
      { label: "Legitimate refresh with #2", value: outcome(legitNext) },
      { label: "token.reuse_detected audit events", value: String(audited) },
    ],
  } as const;
}

export const stolenRefreshTokenExperiment: Experiment = {
  slug: "stolen-refresh-token",
  number: 8,
  title: "Stolen refresh token",
  claim:
    "If a refresh token is stolen and used after the real client rotated it, the whole sign-in is revoked.",
  explanation: [
    "Every refresh token here is single-use: using it marks it used in the same transaction that issues its successor (RFC 9700 §4.14.2). A used token presented again means two parties hold it, and the server cannot tell which one is the thief, so it revokes the whole family: the thief's copy and the legitimate browser's newest token alike. The legitimate user is signed out at their next refresh, and the event is audited.",
    "One exception, on the browser cookie path only: two tabs that refresh at the same moment both send the same cookie. Within 10 seconds, while the successor is still unused, the loser is told 'superseded' and gets nothing, without revoking anything. A thief replaying a cookie in that window gets nothing either; the token API (for scripts) has no grace at all.",
    "The access token issued before the reuse still lives until its exp unless the deny-list is on (see the Logout experiment).",
  ],
  standards: [STANDARDS.rfc9700, STANDARDS.asvsV9, STANDARDS.owaspJwt],
  run,
};
