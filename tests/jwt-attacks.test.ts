// RFC 8725 / ASVS 9.x attack suite: every forged, confused or malformed token is refused by
// verifyAccessToken AND by the canonical protected endpoint (401 + RFC 6750 challenge), and
// leaves no trace in the database. Each case is built next to a valid twin that passes, so a
// case cannot pass by accident (e.g. because the helper produced garbage).
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, exportSPKI, generateKeyPair, importJWK, SignJWT, type CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as me } from "@/app/api/me/route";
import { db } from "@/lib/db";
import { verifyAccessToken } from "@/lib/jwt/access-token";
import { currentSigningKey } from "@/lib/jwt/keys/signing";
import { jsonRequest } from "@/tests/support/http";
import { sideEffectSnapshot, signedInUser, signWithAppKey, validClaims } from "@/tests/support/jwt";

const b64 = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

let user: Awaited<ReturnType<typeof signedInUser>>["user"];
let validToken: string;
let keyServer: Server;
let keyServerUrl: string;
const keyServerHits: string[] = [];

beforeAll(async () => {
  ({
    user,
    pair: {
      access: { token: validToken },
    },
  } = await signedInUser());
  // A server an attacker's jku/x5u would point at: it must never be contacted.
  keyServer = createServer((request, response) => {
    keyServerHits.push(request.url ?? "");
    response.end("{}");
  });
  await new Promise<void>((resolve) => keyServer.listen(0, "127.0.0.1", resolve));
  keyServerUrl = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => keyServer.close(resolve));
});

const claimsFor = (overrides: Record<string, unknown> = {}) =>
  validClaims({ sub: user.id, email: user.email, ...overrides });

/** The case must be refused by both paths, with no database change and no outbound request. */
async function expectRefused(token: string): Promise<void> {
  const before = await sideEffectSnapshot(user.id);
  const fetchSpy = vi.spyOn(globalThis, "fetch");

  const verified = await verifyAccessToken(token);
  expect(verified.ok).toBe(false);

  const response = await me(jsonRequest("/api/me", { headers: { authorization: `Bearer ${token}` } }));
  expect(response.status).toBe(401);
  const challenge = response.headers.get("www-authenticate") ?? "";
  expect(challenge).toMatch(/^Bearer realm="authlab", error="invalid_token", error_description="[^"]+"$/);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("invalid_token");
  // Never the token echoed back.
  expect(JSON.stringify(body) + challenge).not.toContain(token.slice(-20));

  expect(fetchSpy).not.toHaveBeenCalled();
  fetchSpy.mockRestore();
  expect(await sideEffectSnapshot(user.id)).toEqual(before);
}

async function expectAccepted(token: string): Promise<void> {
  expect(await verifyAccessToken(token)).toMatchObject({ ok: true });
  const response = await me(jsonRequest("/api/me", { headers: { authorization: `Bearer ${token}` } }));
  expect(response.status).toBe(200);
}

describe("access token attack suite", () => {
  it("accepts the valid twin the cases are derived from", async () => {
    await expectAccepted(validToken);
    await expectAccepted(await signWithAppKey(claimsFor()));
  });

  it.each(["none", "None", "NONE", "nOnE"])('refuses alg "%s", with or without a signature', async (alg) => {
    const { kid } = await currentSigningKey();
    const unsigned = `${b64({ alg, typ: "at+jwt", kid })}.${b64(claimsFor())}`;
    await expectRefused(`${unsigned}.`);
    await expectRefused(`${unsigned}.${b64("signature")}`);
  });

  describe("key confusion: HS256 signed with the public key", () => {
    async function hs256(secret: string): Promise<string> {
      const { kid } = await currentSigningKey();
      const input = `${b64({ alg: "HS256", typ: "at+jwt", kid })}.${b64(claimsFor())}`;
      return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
    }
    async function publicKey(): Promise<CryptoKey> {
      const { kid } = await currentSigningKey();
      const row = await db.signingKey.findUniqueOrThrow({ where: { kid } });
      return (await importJWK(JSON.parse(row.publicJwk), row.algorithm)) as CryptoKey;
    }

    it("as a PEM", async () => {
      const key = await publicKey();
      // EdDSA keys export to PEM too; either way the HMAC secret is public knowledge.
      await expectRefused(await hs256(await exportSPKI(key)));
    });

    it("as the JWK JSON", async () => {
      const { kid } = await currentSigningKey();
      const row = await db.signingKey.findUniqueOrThrow({ where: { kid } });
      await expectRefused(await hs256(row.publicJwk));
      await expectRefused(await hs256(JSON.stringify(await exportJWK(await publicKey()))));
    });
  });

  it("refuses an unknown kid (a real signature by a key we never issued)", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    const token = await new SignJWT(claimsFor())
      .setProtectedHeader({ alg: "ES256", typ: "at+jwt", kid: "attacker-key-1" })
      .sign(privateKey);
    await expectRefused(token);
  });

  it.each([
    "../../../../../../dev/null",
    "/etc/passwd",
    "' OR '1'='1",
    "x'; DROP TABLE signing_keys; --",
    "kid\u0000null",
    "a".repeat(500),
  ])("refuses a kid with a path or SQL payload: %s", async (kid) => {
    const { privateKey } = await currentSigningKey();
    const key = await currentSigningKey();
    const token = await new SignJWT(claimsFor())
      .setProtectedHeader({ alg: key.algorithm, typ: "at+jwt", kid })
      .sign(privateKey);
    await expectRefused(token);
    expect(await db.signingKey.count()).toBeGreaterThan(0);
  });

  describe("headers that point at a key elsewhere (jku, x5u, jwk, x5c)", () => {
    it("refuses them and never contacts the URL", async () => {
      const attacker = await generateKeyPair("ES256", { extractable: true });
      const attackerJwk = await exportJWK(attacker.publicKey);
      const { kid } = await currentSigningKey();
      const headers = [
        { jku: `${keyServerUrl}/jwks.json` },
        { x5u: `${keyServerUrl}/cert.pem` },
        { jwk: attackerJwk },
        { x5c: ["MIIBszCCAVmgAwIBAgIU"] },
      ];
      for (const extra of headers) {
        // Signed by the attacker, claiming our kid or their own: both refused.
        for (const claimedKid of [kid, "attacker"]) {
          const token = await new SignJWT(claimsFor())
            .setProtectedHeader({ alg: "ES256", typ: "at+jwt", kid: claimedKid, ...extra })
            .sign(attacker.privateKey);
          await expectRefused(token);
        }
        // Even signed by OUR key, a token that names its own key source is refused.
        await expectRefused(await signWithAppKey(claimsFor(), extra));
      }
      expect(keyServerHits).toEqual([]);
    });
  });

  it("refuses an expired token (beyond the clock skew)", async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(await signWithAppKey(claimsFor({ iat: now - 600, exp: now - 60 })));
  });

  it("refuses a token whose nbf is in the future", async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(await signWithAppKey(claimsFor({ nbf: now + 120 })));
  });

  it("refuses a token with an iat in the future", async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(await signWithAppKey(claimsFor({ iat: now + 120, exp: now + 180 })));
  });

  it("refuses a token without exp", async () => {
    const claims = claimsFor();
    delete claims.exp;
    await expectRefused(await signWithAppKey(claims));
  });

  it("refuses a token without sid, jti or sub", async () => {
    for (const claim of ["sid", "jti", "sub"] as const) {
      const claims = claimsFor();
      delete claims[claim];
      await expectRefused(await signWithAppKey(claims));
    }
  });

  it("refuses a wrong issuer", async () => {
    await expectRefused(await signWithAppKey(claimsFor({ iss: "https://evil.example" })));
  });

  it("refuses a wrong audience", async () => {
    await expectRefused(await signWithAppKey(claimsFor({ aud: "https://api.other.example" })));
    await expectRefused(await signWithAppKey(claimsFor({ aud: ["https://api.other.example"] })));
  });

  it("refuses a refresh token presented as an access token", async () => {
    const { pair } = await signedInUser();
    await expectRefused(pair.refresh.token);
  });

  it("refuses a correctly signed ID-token-typed JWT (typ JWT, or no typ)", async () => {
    await expectRefused(await signWithAppKey(claimsFor(), { typ: "JWT" }));
    await expectRefused(await signWithAppKey(claimsFor(), { typ: "application/jwt" }));
    const { kid, algorithm, privateKey } = await currentSigningKey();
    const untyped = await new SignJWT(claimsFor())
      .setProtectedHeader({ alg: algorithm, kid })
      .sign(privateKey);
    await expectRefused(untyped);
  });

  it("refuses a tampered payload with the original signature", async () => {
    const [header, , signature] = validToken.split(".");
    const forged = {
      ...JSON.parse(Buffer.from(validToken.split(".")[1]!, "base64url").toString()),
      sub: "admin",
    };
    await expectRefused(`${header}.${b64(forged)}.${signature}`);
  });

  it("refuses a truncated signature", async () => {
    await expectRefused(validToken.slice(0, -10));
    await expectRefused(validToken.slice(0, validToken.lastIndexOf(".") + 1));
  });

  it("refuses an ES256 signature of all zeros (CVE-2022-21449, psychic signatures)", async () => {
    const [header, payload] = validToken.split(".");
    await expectRefused(`${header}.${payload}.${Buffer.alloc(64).toString("base64url")}`);
    const { kid } = await currentSigningKey();
    const es256Header = b64({ alg: "ES256", typ: "at+jwt", kid });
    await expectRefused(`${es256Header}.${payload}.${Buffer.alloc(64).toString("base64url")}`);
  });

  it("refuses a 16 KB token even when it is correctly signed", async () => {
    const token = await signWithAppKey(claimsFor({ padding: "x".repeat(12 * 1024) }));
    expect(token.length).toBeGreaterThan(16 * 1024);
    await expectRefused(token);
    // The same structure under the cap passes: the length, not the padding claim, is refused.
    await expectAccepted(await signWithAppKey(claimsFor({ padding: "x".repeat(1024) })));
  });

  it.each([
    ["standard base64 characters", (t: string) => t.replace(/-/g, "+").replace(/_/g, "/") + "=="],
    ["a space", (t: string) => t.replace(".", ". ")],
    ["percent-encoding", (t: string) => `%65${t.slice(1)}`],
    ["non-ASCII", (t: string) => `${t.slice(0, 5)}é${t.slice(6)}`],
    ["four segments", (t: string) => `${t}.${t.split(".")[2]}`],
  ])("refuses non-base64url characters or shape: %s", async (_label, mutate) => {
    const token = mutate(validToken);
    expect(token).not.toBe(validToken);
    await expectRefused(token);
  });

  it("answers a request with no credential with a bare RFC 6750 challenge", async () => {
    const response = await me(jsonRequest("/api/me"));
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="authlab"');
  });
});
