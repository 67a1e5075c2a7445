// The local demo OpenID provider: oidc-provider (a certified OP) on a loopback port, with a login
// page listing demo users, a consent step and nothing persistent. `npm run dev`, the e2e server
// and (with AUTH_DEMO_IDP=1) `npm start` run it through scripts/demo-idp.ts; tests start it in
// process. Not `server-only`: it runs under tsx, outside Next.
import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type ClientMetadata, type Configuration } from "oidc-provider";
import { normalizeEmail } from "../../auth/email";
import type { DemoClientRegistration } from "./client";
import { consentPage, type DemoUser, errorPage, loginPage } from "./pages";

export const DEMO_USERS: readonly DemoUser[] = [
  { email: "ada@authlab.test", name: "Ada Lovelace" },
  { email: "grace@authlab.test", name: "Grace Hopper" },
  { email: "alan@authlab.test", name: "Alan Turing" },
];

export type DemoClient = DemoClientRegistration;

export type DemoIdpOptions = {
  /** 0 picks a free port (tests). */
  port: number;
  clients: DemoClient[];
};

export type DemoIdp = { issuer: string; server: Server; close: () => Promise<void> };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Stable across restarts, so the same email is the same `sub` (and the same linked Account). */
export function demoSubject(email: string): string {
  return `demo-${createHash("sha256").update(email).digest("hex").slice(0, 24)}`;
}

function signingKeys(): Configuration["jwks"] {
  // Generated at start: no key material in the repository, and none survives a restart.
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" });
  return { keys: [{ ...jwk, kid: randomBytes(8).toString("hex"), alg: "RS256", use: "sig" }] };
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) reject(new Error("body too large"));
    });
    req.on("end", () => resolve(new URLSearchParams(body)));
    req.on("error", reject);
  });
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(html);
}

function createProvider(issuer: string, clients: DemoClient[], accounts: Map<string, DemoUser>): Provider {
  const metadata: ClientMetadata[] = clients.map((client) => ({
    client_id: client.clientId,
    client_secret: client.clientSecret,
    client_name: client.name,
    redirect_uris: [client.redirectUri],
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_basic",
  }));
  return new Provider(issuer, {
    clients: metadata,
    // RFC 9700 §2.1.1: PKCE for every client, S256 only (oidc-provider's only allowed method).
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    jwks: signingKeys(),
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Auth.js reads an OIDC profile from the ID token: put the scope's claims there too.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const user = accounts.get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, email: user.email, email_verified: true, name: user.name }),
      };
    },
    renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = errorPage(
        "Sign-in could not continue",
        `${out.error}: ${out.error_description ?? "the request was not valid"}. Go back to authlab and start again.`,
      );
    },
  });
}

async function handleInteraction(
  provider: Provider,
  accounts: Map<string, DemoUser>,
  req: IncomingMessage,
  res: ServerResponse,
  action: string | undefined,
): Promise<void> {
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    sendHtml(
      res,
      400,
      errorPage(
        "Request expired",
        "This sign-in request is unknown or expired. Go back to authlab and start again.",
      ),
    );
    return;
  }
  const client = await provider.Client.find(String(details.params.client_id));
  const clientName = client?.clientName ?? "The app";

  if (req.method === "GET" && !action) {
    if (details.prompt.name === "login") {
      sendHtml(res, 200, loginPage({ uid: details.uid, clientName, users: [...DEMO_USERS] }));
      return;
    }
    const accountId = details.session?.accountId;
    const user = accountId ? accounts.get(accountId) : undefined;
    const scopes = String(details.params.scope ?? "openid").split(" ");
    sendHtml(
      res,
      200,
      consentPage({ uid: details.uid, clientName, email: user?.email ?? "unknown", scopes }),
    );
    return;
  }
  if (req.method !== "POST") {
    sendHtml(res, 405, errorPage("Not allowed", "Use the buttons on the page."));
    return;
  }

  if (action === "login" && details.prompt.name === "login") {
    const form = await readForm(req);
    const email = normalizeEmail(form.get("email") ?? "");
    const name = (form.get("name") ?? "").trim().slice(0, 100);
    if (!EMAIL.test(email) || email.length > 254) {
      const error = "Enter an email address such as you@example.com.";
      sendHtml(
        res,
        400,
        loginPage({ uid: details.uid, clientName, users: [...DEMO_USERS], error, email, name }),
      );
      return;
    }
    const accountId = demoSubject(email);
    accounts.set(accountId, { email, name: name || email.split("@")[0]! });
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId } },
      { mergeWithLastSubmission: false },
    );
    return;
  }

  if (action === "confirm" && details.prompt.name === "consent") {
    const accountId = details.session?.accountId;
    if (!accountId) throw new Error("consent without a login");
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    if (!grant) throw new Error("grant not found");
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }

  if (action === "abort") {
    const result = { error: "access_denied", error_description: "The user denied the request." };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    return;
  }
  sendHtml(res, 400, errorPage("Unexpected step", "Go back to authlab and start again."));
}

/** Starts the provider on 127.0.0.1. Resolves once it is listening. */
export async function startDemoIdp(options: DemoIdpOptions): Promise<DemoIdp> {
  const accounts = new Map<string, DemoUser>(DEMO_USERS.map((user) => [demoSubject(user.email), user]));
  // The issuer needs the port, known only once listening (tests ask for port 0).
  const ready: { provider?: Provider } = {};
  const server = createServer((req, res) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?\/?$/.exec(
      req.url?.split("?")[0] ?? "",
    );
    const provider = ready.provider;
    if (!provider) {
      res.writeHead(503).end();
    } else if (match) {
      handleInteraction(provider, accounts, req, res, match[2]).catch((error: unknown) => {
        console.error(`demo-idp: interaction failed: ${error instanceof Error ? error.message : "unknown"}`);
        if (!res.headersSent)
          sendHtml(res, 400, errorPage("Sign-in failed", "Go back to authlab and start again."));
      });
    } else {
      provider.callback()(req, res);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Loopback only: this provider signs anyone in as anyone.
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ready.provider = createProvider(issuer, options.clients, accounts);
  return {
    issuer,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
