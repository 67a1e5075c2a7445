import "server-only";
import { type ActiveTokenFamily, listUserTokenFamilies } from "@/lib/jwt/refresh-families";
import { listUserOAuthSessions, type OAuthSessionView } from "@/lib/oauth/sessions";
import { listUserSessions, type ServerSessionRecord } from "@/lib/session/store";

/** A user's live sign-ins in every mode (no token, hash or cookie value in any of them). */
export type UserSignIns = {
  sessions: ServerSessionRecord[];
  jwtSignIns: ActiveTokenFamily[];
  providerSessions: OAuthSessionView[];
};

/** What /account/sessions shows and GET /api/me/sessions answers. */
export async function listUserSignIns(userId: string): Promise<UserSignIns> {
  const [sessions, jwtSignIns, providerSessions] = await Promise.all([
    listUserSessions(userId),
    listUserTokenFamilies(userId),
    listUserOAuthSessions(userId),
  ]);
  return { sessions, jwtSignIns, providerSessions };
}
