// A minimal OpenID provider for tests, on a loopback port, that can lie: it signs ID tokens with a
// key it does not publish, with `alg: none`, for another client, with another flow's nonce, with
// another issuer, already expired; or publishes metadata naming another issuer. Only the parts of
// OpenID Connect a relying party's code flow touches (discovery, JWKS, authorize, token, userinfo).
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";

export type Lie =
  | "none"
  | "unpublished-key"
  | "alg-none"
  | "other-audience"
  | "other-nonce"
  | "other-issuer"
  | "expired"
  | "metadata-issuer";

export type LyingProvider = {
  issuer: string;
  /** What the next responses lie about ("none": an honest provider). */
  lie: Lie;
  /** The email the next sign-in asserts. */
  email: string;
  close(): Promise<void>;
};

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString());
}

/** Starts the provider; `clientId` is the audience an honest ID token names. */
export async function startLyingProvider(port: number, clientId: string): Promise<LyingProvider> {
  const published = await generateKeyPair("RS256", { extractable: true });
  const unpublished = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(published.publicKey)), kid: "published", alg: "RS256", use: "sig" };
  const nonces = new Map<string, string>();
  const state: LyingProvider = {
    issuer: `http://127.0.0.1:${port}`,
    lie: "none",
    email: "",
    close: async () => {},
  };

  async function idToken(code: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      sub: `lying-${state.email}`,
      email: state.email,
      email_verified: true,
      nonce: state.lie === "other-nonce" ? randomBytes(16).toString("base64url") : nonces.get(code),
    };
    if (state.lie === "alg-none") {
      const payload = { ...claims, iss: state.issuer, aud: clientId, iat: now, exp: now + 300 };
      return `${base64url({ alg: "none", typ: "JWT" })}.${base64url(payload)}.`;
    }
    const key = state.lie === "unpublished-key" ? unpublished.privateKey : published.privateKey;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: "published" })
      .setIssuer(state.lie === "other-issuer" ? "http://127.0.0.1:9/" : state.issuer)
      .setAudience(state.lie === "other-audience" ? "someone-else" : clientId)
      .setIssuedAt(state.lie === "expired" ? now - 3600 : now)
      .setExpirationTime(state.lie === "expired" ? now - 1800 : now + 300)
      .sign(key);
  }

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", state.issuer);
    const json = (body: unknown) => {
      response.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      response.end(JSON.stringify(body));
    };
    void (async () => {
      if (url.pathname === "/.well-known/openid-configuration") {
        return json({
          issuer: state.lie === "metadata-issuer" ? "http://127.0.0.1:9" : state.issuer,
          authorization_endpoint: `${state.issuer}/auth`,
          token_endpoint: `${state.issuer}/token`,
          userinfo_endpoint: `${state.issuer}/me`,
          jwks_uri: `${state.issuer}/jwks`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
          code_challenge_methods_supported: ["S256"],
        });
      }
      if (url.pathname === "/jwks") return json({ keys: [jwk] });
      if (url.pathname === "/auth") {
        const code = randomBytes(16).toString("base64url");
        nonces.set(code, url.searchParams.get("nonce") ?? "");
        const back = new URL(url.searchParams.get("redirect_uri") ?? "");
        back.searchParams.set("code", code);
        back.searchParams.set("state", url.searchParams.get("state") ?? "");
        response.writeHead(302, { location: back.toString() }).end();
        return;
      }
      if (url.pathname === "/token" && request.method === "POST") {
        const code = (await readForm(request)).get("code") ?? "";
        return json({
          access_token: "opaque",
          token_type: "Bearer",
          expires_in: 300,
          id_token: await idToken(code),
        });
      }
      if (url.pathname === "/me")
        return json({ sub: `lying-${state.email}`, email: state.email, email_verified: true });
      response.writeHead(404).end();
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  state.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
