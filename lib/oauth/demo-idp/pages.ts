// HTML for the demo OpenID provider's login, consent and error pages. Plain server-rendered
// forms: they work without JavaScript, follow the system colour scheme and use real labels.

export type DemoUser = { email: string; name: string };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `
  :root { color-scheme: light dark; font-family: ui-sans-serif, system-ui, sans-serif; }
  body { margin: 0; background: #fafafa; color: #18181b; }
  main { max-width: 28rem; margin: 3rem auto; padding: 1.5rem; background: #fff; border: 1px solid #e4e4e7; border-radius: .5rem; }
  h1 { font-size: 1.25rem; margin: 0 0 .25rem; }
  p, li { color: #52525b; font-size: .875rem; line-height: 1.4; }
  .tag { display: inline-block; font-size: .75rem; padding: .1rem .5rem; border-radius: 999px; background: #fef3c7; color: #92400e; }
  form { margin: 0; }
  button { font: inherit; cursor: pointer; border-radius: .375rem; padding: .5rem .75rem; border: 1px solid #d4d4d8; background: #fff; color: inherit; }
  button.primary { background: #4f46e5; border-color: #4f46e5; color: #fff; }
  button:focus-visible, input:focus-visible { outline: 2px solid #6366f1; outline-offset: 2px; }
  .users { list-style: none; padding: 0; display: grid; gap: .5rem; }
  .users button { width: 100%; text-align: left; }
  label { display: block; font-size: .875rem; font-weight: 600; margin-top: .75rem; }
  input { font: inherit; width: 100%; box-sizing: border-box; padding: .5rem; border: 1px solid #d4d4d8; border-radius: .375rem; background: transparent; color: inherit; }
  .error { color: #b91c1c; font-size: .875rem; }
  .row { display: flex; gap: .5rem; margin-top: 1rem; }
  @media (prefers-color-scheme: dark) {
    body { background: #09090b; color: #f4f4f5; }
    main { background: #18181b; border-color: #27272a; }
    p, li { color: #a1a1aa; }
    button { background: #27272a; border-color: #3f3f46; }
    input { border-color: #3f3f46; }
    .error { color: #f87171; }
  }
`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · authlab demo provider</title><style>${STYLE}</style></head>
<body><main><span class="tag">Local demo OpenID provider: not a real identity</span>${body}</main></body></html>`;
}

export function loginPage(options: {
  uid: string;
  clientName: string;
  users: DemoUser[];
  error?: string;
  email?: string;
  name?: string;
}): string {
  const action = `/interaction/${encodeURIComponent(options.uid)}/login`;
  const users = options.users
    .map(
      (user) => `<li><form method="post" action="${action}">
        <input type="hidden" name="email" value="${escapeHtml(user.email)}">
        <input type="hidden" name="name" value="${escapeHtml(user.name)}">
        <button type="submit">Continue as ${escapeHtml(user.name)} &lt;${escapeHtml(user.email)}&gt;</button>
      </form></li>`,
    )
    .join("");
  return layout(
    "Sign in",
    `<h1>Sign in to the demo provider</h1>
    <p>${escapeHtml(options.clientName)} asked who you are. Pick a demo user or type any email: no password, because this
    provider exists only so OAuth works with no accounts anywhere.</p>
    <ul class="users" aria-label="Demo users">${users}</ul>
    <form method="post" action="${action}" novalidate>
      <label for="email">Any email</label>
      <input id="email" name="email" type="email" autocomplete="email" required value="${escapeHtml(options.email ?? "")}"
        ${options.error ? 'aria-invalid="true" aria-describedby="email-error"' : ""}>
      <p id="email-error" class="error" aria-live="polite">${options.error ? escapeHtml(options.error) : ""}</p>
      <label for="name">Name (optional)</label>
      <input id="name" name="name" type="text" autocomplete="name" maxlength="100" value="${escapeHtml(options.name ?? "")}">
      <div class="row"><button class="primary" type="submit">Sign in with this email</button></div>
    </form>`,
  );
}

export function consentPage(options: {
  uid: string;
  clientName: string;
  email: string;
  scopes: string[];
}): string {
  const base = `/interaction/${encodeURIComponent(options.uid)}`;
  const labels: Record<string, string> = {
    openid: "Know that it is you (a stable identifier)",
    email: "Your email address",
    profile: "Your name",
  };
  const items = options.scopes.map((scope) => `<li>${escapeHtml(labels[scope] ?? scope)}</li>`).join("");
  return layout(
    "Allow access",
    `<h1>Allow ${escapeHtml(options.clientName)}?</h1>
    <p>Signed in at the demo provider as <strong>${escapeHtml(options.email)}</strong>.
    ${escapeHtml(options.clientName)} would like to:</p>
    <ul>${items}</ul>
    <div class="row">
      <form method="post" action="${base}/confirm"><button class="primary" type="submit">Allow</button></form>
      <form method="post" action="${base}/abort"><button type="submit">Deny</button></form>
    </div>`,
  );
}

export function errorPage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(message)}</p>`);
}
