// A GitHub-compatible OAuth server for the e2e tests (real GitHub is unreachable from test
// machines). It speaks GitHub Enterprise Server's paths, which is where Auth.js's GitHub provider
// looks when AUTH_GITHUB_ENTERPRISE_URL is set:
//   GET/POST /login/oauth/authorize, POST /login/oauth/access_token, GET /api/v3/user, /api/v3/user/emails
// Like GitHub, /user reports no email for users who keep it private; /user/emails has the primary.
// It checks what GitHub checks (client credentials, redirect_uri, single-use codes) plus PKCE S256.
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { escapeHtml } from "../../lib/oauth/demo-idp/pages";
import { githubStubUserId } from "./github-stub-users";

const port = Number(process.env.GITHUB_STUB_PORT);
const clientId = process.env.AUTH_GITHUB_ID;
const clientSecret = process.env.AUTH_GITHUB_SECRET;
if (!port || !clientId || !clientSecret) {
  console.error("github-stub: GITHUB_STUB_PORT, AUTH_GITHUB_ID and AUTH_GITHUB_SECRET are required");
  process.exit(1);
}

type StubUser = { id: number; login: string; name: string | null; email: string };
type Grant = { user: StubUser; redirectUri: string; challenge: string; scope: string };

const codes = new Map<string, Grant>();
const tokens = new Map<string, Grant>();

function userFor(login: string, name: string, email: string): StubUser {
  return { id: githubStubUserId(login), login, name: name || null, email };
}

function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => resolve(new URLSearchParams(body)));
    req.on("error", reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  res.end(JSON.stringify(body));
}

function authorizePage(params: URLSearchParams): string {
  const hidden = ["client_id", "redirect_uri", "state", "code_challenge", "code_challenge_method", "scope"]
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name) ?? "")}">`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorize · GitHub stub</title></head>
<body><main><h1>GitHub stub: authorize authlab</h1>
<form method="post" action="/login/oauth/authorize">${hidden}
<label for="login">Login</label> <input id="login" name="login" required>
<label for="name">Name</label> <input id="name" name="name">
<label for="email">Primary email</label> <input id="email" name="email" required>
<button type="submit">Authorize</button></form></main></body></html>`;
}

function bearer(req: IncomingMessage): Grant | undefined {
  const header = req.headers.authorization ?? "";
  const token = /^(?:Bearer|token) (.+)$/i.exec(header)?.[1];
  return token ? tokens.get(token) : undefined;
}

function clientFrom(req: IncomingMessage, form: URLSearchParams): { id?: string; secret?: string } {
  const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
  if (basic) {
    const [id, secret] = Buffer.from(basic, "base64").toString("utf8").split(":").map(decodeURIComponent);
    return { id, secret };
  }
  return { id: form.get("client_id") ?? undefined, secret: form.get("client_secret") ?? undefined };
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);

  if (url.pathname === "/login/oauth/authorize" && req.method === "GET") {
    if (url.searchParams.get("client_id") !== clientId) return json(res, 400, { error: "unknown client" });
    if (url.searchParams.get("code_challenge_method") !== "S256")
      return json(res, 400, { error: "PKCE S256 required" });
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(authorizePage(url.searchParams));
    return;
  }

  if (url.pathname === "/login/oauth/authorize" && req.method === "POST") {
    const form = await readBody(req);
    const redirectUri = form.get("redirect_uri") ?? "";
    const code = randomBytes(16).toString("hex");
    codes.set(code, {
      user: userFor(form.get("login") ?? "", form.get("name") ?? "", form.get("email") ?? ""),
      redirectUri,
      challenge: form.get("code_challenge") ?? "",
      scope: form.get("scope") ?? "",
    });
    const target = new URL(redirectUri);
    target.searchParams.set("code", code);
    target.searchParams.set("state", form.get("state") ?? "");
    res.writeHead(302, { Location: target.toString() });
    res.end();
    return;
  }

  if (url.pathname === "/login/oauth/access_token" && req.method === "POST") {
    const form = await readBody(req);
    const client = clientFrom(req, form);
    if (client.id !== clientId || client.secret !== clientSecret)
      return json(res, 401, { error: "invalid_client" });
    const code = form.get("code") ?? "";
    const grant = codes.get(code);
    codes.delete(code);
    if (!grant || grant.redirectUri !== form.get("redirect_uri"))
      return json(res, 400, { error: "invalid_grant" });
    const verifier = form.get("code_verifier") ?? "";
    if (createHash("sha256").update(verifier).digest("base64url") !== grant.challenge) {
      return json(res, 400, { error: "invalid_grant", error_description: "PKCE verification failed" });
    }
    const accessToken = `gho_${randomBytes(18).toString("hex")}`;
    tokens.set(accessToken, grant);
    return json(res, 200, {
      access_token: accessToken,
      token_type: "bearer",
      scope: grant.scope.replace(/ /g, ","),
    });
  }

  if (url.pathname === "/api/v3/user" && req.method === "GET") {
    const grant = bearer(req);
    if (!grant) return json(res, 401, { message: "Bad credentials" });
    const { id, login, name } = grant.user;
    return json(res, 200, { id, login, name, email: null, avatar_url: `https://avatars.example/u/${id}` });
  }

  if (url.pathname === "/api/v3/user/emails" && req.method === "GET") {
    const grant = bearer(req);
    if (!grant) return json(res, 401, { message: "Bad credentials" });
    return json(res, 200, [
      {
        email: `${grant.user.id}+${grant.user.login}@users.noreply.github.com`,
        primary: false,
        verified: true,
      },
      { email: grant.user.email, primary: true, verified: true },
    ]);
  }

  json(res, 404, { message: "Not Found" });
}

createServer((req, res) => {
  handle(req, res).catch(() => json(res, 500, { error: "stub failure" }));
}).listen(port, "127.0.0.1", () => console.log(`authlab: GitHub stub on http://127.0.0.1:${port}`));
