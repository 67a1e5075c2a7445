import "server-only";

// A route that a browser navigates to (not one fetch() calls) answers its failures as a page,
// not JSON. Plain markup, no inline script or style: it stands alone under any CSP.

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}

export type HtmlPage = {
  title: string;
  message: string;
  /** A same-origin path (never a URL taken from elsewhere) the page offers as its one action. */
  action?: { href: string; label: string };
  headers?: Record<string, string>;
};

/** A minimal HTML page with `status`: the error shape for a browser navigation. */
export function htmlPage(status: number, page: HtmlPage): Response {
  const action = page.action
    ? `<p><a href="${escapeHtml(page.action.href)}">${escapeHtml(page.action.label)}</a></p>`
    : "";
  const body = [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">',
    `<title>${escapeHtml(page.title)} · authlab</title></head>`,
    `<body><main><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p>${action}</main></body></html>`,
  ].join("\n");
  return new Response(body, {
    status,
    headers: { ...page.headers, "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
