"use client";

import { JsonBlock } from "@/app/_components/json-block";

function base64urlBytes(segment: string): Uint8Array {
  const base64 = segment.replaceAll("-", "+").replaceAll("_", "/");
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
}

function decodeJson(segment: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return {
      ok: true,
      value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(base64urlBytes(segment))),
    };
  } catch {
    return { ok: false };
  }
}

function hexPreview(bytes: Uint8Array): string {
  return Array.from(bytes.slice(0, 24), (byte) => byte.toString(16).padStart(2, "0")).join(" ");
}

/**
 * Experiment 5's second half, done here in the browser with no key: the JWT's header and claims
 * decode to JSON; the seal's ciphertext decodes to bytes that mean nothing.
 */
export function BrowserDecode({ data }: { data: Readonly<Record<string, string>> }) {
  const header = decodeJson(data.jwtHeaderSegment ?? "");
  const claims = decodeJson(data.jwtPayloadSegment ?? "");
  const ciphertext = base64urlBytes(data.sealedCookie?.split("*")[4] ?? "");
  const seal = decodeJson(data.sealedCookie?.split("*")[4] ?? "");
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <div
        className="min-w-0 space-y-2"
        data-testid="browser-claims"
        data-readable={claims.ok ? "yes" : "no"}
      >
        <h3 className="font-semibold">The JWT, decoded in your browser</h3>
        {header.ok && claims.ok ? (
          <JsonBlock
            label="JWT header and claims decoded in the browser"
            value={{ header: header.value, claims: claims.value }}
          />
        ) : (
          <p className="text-sm">The token did not decode.</p>
        )}
      </div>
      <div className="min-w-0 space-y-2" data-testid="browser-seal" data-readable={seal.ok ? "yes" : "no"}>
        <h3 className="font-semibold">The session cookie, decoded the same way</h3>
        <p className="text-sm">
          {seal.ok
            ? "The seal decoded to JSON."
            : `Not readable: ${ciphertext.length} bytes of ciphertext, beginning`}
        </p>
        <p className="break-all rounded-md bg-zinc-100 p-3 font-mono text-xs dark:bg-zinc-900">
          {hexPreview(ciphertext)} …
        </p>
      </div>
    </div>
  );
}
