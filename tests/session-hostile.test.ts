import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as getSession } from "@/app/api/session/route";
import { POST as changePassword } from "@/app/api/session/password/route";
import { POST as revoke } from "@/app/api/session/sessions/[id]/revoke/route";
import { POST as signIn } from "@/app/api/session/sign-in/route";
import { POST as signOut } from "@/app/api/session/sign-out/route";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { createPasswordUser, TEST_PASSWORD } from "@/tests/support/factories";
import { cookieHeader, jsonRequest, setCookies } from "@/tests/support/http";
import { liveSessionCount } from "@/tests/support/stores";

async function signedIn(email: string) {
  const response = await signIn(
    jsonRequest("/api/session/sign-in", { body: { email, password: TEST_PASSWORD } }),
  );
  const cookie = setCookies(response).find((c) => c.name === "authlab-session")!;
  return { header: cookieHeader(cookie), value: cookie.value };
}

function flipBit(value: string, index: number): string {
  const code = value.charCodeAt(index);
  return value.slice(0, index) + String.fromCharCode(code ^ 1) + value.slice(index + 1);
}

describe("hostile session cookies", () => {
  it("treats 20 malformed cookies as signed out, clears them and never fails", async () => {
    const user = await createPasswordUser();
    const { value } = await signedIn(user.email);
    const sealed = decodeURIComponent(value);
    const malformed = [
      flipBit(sealed, 10),
      flipBit(sealed, Math.floor(sealed.length / 2)),
      flipBit(sealed, sealed.length - 5),
      flipBit(sealed, sealed.length - 1),
      sealed.slice(0, -1),
      sealed.slice(0, sealed.length / 2),
      sealed.slice(0, 8),
      sealed.replace("Fe26.2", "Fe26.1"),
      `${sealed}~extra`,
      sealed.split("*").slice(0, 4).join("*"),
      "Fe26.2**",
      "Fe26.2****************",
      "Fe26.2*1*" + "A".repeat(200),
      randomBytes(64).toString("base64"),
      randomBytes(32).toString("hex"),
      "x".repeat(5 * 1024),
      encodeURIComponent(randomBytes(300).toString("binary")),
      "%E0%A4%A",
      "",
      "null",
    ];
    expect(malformed).toHaveLength(20);
    for (const bad of malformed) {
      const response = await getSession(
        jsonRequest("/api/session", { cookie: `authlab-session=${encodeURIComponent(bad)}` }),
      );
      expect(response.status, `cookie ${bad.slice(0, 40)}`).toBe(401);
      expect(await response.json()).toEqual({
        error: { code: "unauthenticated", message: "Sign in with session mode first." },
      });
      expect(setCookies(response)[0]).toMatchObject({
        name: "authlab-session",
        value: "",
        attributes: { "max-age": "0" },
      });
    }
    // The real session was never touched by any of it.
    expect(
      (await getSession(jsonRequest("/api/session", { cookie: `authlab-session=${value}` }))).status,
    ).toBe(200);
  });
});

describe("cross-site requests", () => {
  const crossSite: Record<string, string | null>[] = [
    { origin: "https://evil.example" },
    { origin: "http://localhost:3000.evil.example" },
    { origin: "null" },
    { origin: null, "sec-fetch-site": "cross-site" },
    { origin: null },
  ];

  it("refuses cross-origin sign-out, revoke and password change, changing nothing", async () => {
    const user = await createPasswordUser();
    const mine = await signedIn(user.email);
    const other = await signedIn(user.email);
    const otherId = (
      (await (await getSession(jsonRequest("/api/session", { cookie: other.header }))).json()) as {
        session: { id: string };
      }
    ).session.id;

    for (const headers of crossSite) {
      const base = { cookie: mine.header, headers };
      const requests = [
        signOut(jsonRequest("/api/session/sign-out", { method: "POST", ...base })),
        revoke(jsonRequest(`/api/session/sessions/${otherId}/revoke`, { method: "POST", ...base }), {
          params: Promise.resolve({ id: otherId }),
        }),
        changePassword(
          jsonRequest("/api/session/password", {
            ...base,
            body: {
              currentPassword: TEST_PASSWORD,
              newPassword: "hijacked passphrase",
              confirmPassword: "hijacked passphrase",
            },
          }),
        ),
      ];
      for (const response of await Promise.all(requests)) {
        expect(response.status).toBe(403);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe("cross_origin");
      }
    }

    // A same-origin form post (a "simple" content type) is refused too.
    const formPost = await changePassword(
      jsonRequest("/api/session/password", {
        cookie: mine.header,
        body: "currentPassword=x&newPassword=y",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
    );
    expect(formPost.status).toBe(415);

    expect((await getSession(jsonRequest("/api/session", { cookie: mine.header }))).status).toBe(200);
    expect((await getSession(jsonRequest("/api/session", { cookie: other.header }))).status).toBe(200);
    const credential = await db.passwordCredential.findUniqueOrThrow({ where: { userId: user.id } });
    expect(await verifyPassword(credential.hash, TEST_PASSWORD)).toBe(true);
    expect(await liveSessionCount(user.id)).toBe(2);
  });
});
