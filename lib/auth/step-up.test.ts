import { describe, expect, it } from "vitest";
import { hasRecentSignIn, lastSignInAt } from "./step-up";

const user = { id: "u1", email: "a@example.com", name: null, image: null };
const other = { ...user, id: "u2" };
const now = new Date("2026-12-02T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const session = (createdAt: Date, owner = user) => ({ user: owner, credential: { session: { createdAt } } });
const oauth = (sessionCreatedAt: Date, owner = user) => ({ user: owner, credential: { sessionCreatedAt } });

describe("sudo mode: a recent sign-in (STEP_UP_WINDOW, 10 minutes by default)", () => {
  it("counts a session-mode or provider sign-in within the window", () => {
    expect(hasRecentSignIn({ user, modes: { session: session(minutesAgo(9)) } }, now)).toBe(true);
    expect(hasRecentSignIn({ user, modes: { oauth: oauth(minutesAgo(2)) } }, now)).toBe(true);
  });

  it("refuses an older sign-in, nobody, and a JWT alone (no server-held sign-in time)", () => {
    expect(hasRecentSignIn({ user, modes: { session: session(minutesAgo(11)) } }, now)).toBe(false);
    expect(hasRecentSignIn({ user: null, modes: {} }, now)).toBe(false);
    expect(hasRecentSignIn({ user, modes: {} }, now)).toBe(false);
  });

  it("uses the newest sign-in of the request's own user, never another user's", () => {
    const identity = {
      user,
      modes: { session: session(minutesAgo(30)), oauth: oauth(minutesAgo(1), other) },
    };
    expect(lastSignInAt(identity)).toEqual(minutesAgo(30));
    expect(hasRecentSignIn(identity, now)).toBe(false);
    const both = { user, modes: { session: session(minutesAgo(30)), oauth: oauth(minutesAgo(1)) } };
    expect(lastSignInAt(both)).toEqual(minutesAgo(1));
  });
});
