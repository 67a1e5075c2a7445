import { describe, expect, it } from "vitest";
import { applySecurityHeaders, contentSecurityPolicy, newNonce, strictTransportSecurity } from "./headers";

describe("security headers", () => {
  it("sends HSTS for a year with subdomains when the app is served over https, none over plain http", () => {
    expect(strictTransportSecurity("https://authlab.example")).toBe("max-age=31536000; includeSubDomains");
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
    const https = new Headers();
    applySecurityHeaders(https, "default-src 'self'", "https://authlab.example");
    expect(https.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    const http = new Headers();
    applySecurityHeaders(http, "default-src 'self'", "http://localhost:3000");
    expect(http.get("strict-transport-security")).toBeNull();
    expect(http.get("content-security-policy")).toBe("default-src 'self'");
  });

  it("builds a CSP whose scripts need this response's nonce, with unsafe-eval only in development", () => {
    const nonce = newNonce();
    expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(nonce);
    const production = contentSecurityPolicy({
      nonce,
      development: false,
      formActionOrigins: ["https://github.com"],
    });
    const directives = Object.fromEntries(
      production.split("; ").map((directive) => {
        const [name, ...values] = directive.split(" ");
        return [name, values.join(" ")];
      }),
    );
    expect(directives["script-src"]).toBe(`'nonce-${nonce}' 'strict-dynamic'`);
    expect(directives["object-src"]).toBe("'none'");
    expect(directives["base-uri"]).toBe("'none'");
    expect(directives["frame-ancestors"]).toBe("'none'");
    expect(directives["form-action"]).toBe("'self' https://github.com");
    expect(production).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy({ nonce, development: true, formActionOrigins: [] })).toContain(
      `script-src 'nonce-${nonce}' 'strict-dynamic' 'unsafe-eval'`,
    );
  });
});
