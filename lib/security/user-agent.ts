import { UAParser } from "ua-parser-js";

/** "Chrome 156 on Linux" (or "Unknown device") from a User-Agent header, for session lists. */
export function describeUserAgent(userAgent: string | null | undefined): { browser: string; device: string } {
  if (!userAgent) return { browser: "Unknown browser", device: "Unknown device" };
  const result = new UAParser(userAgent).getResult();
  const browser = [result.browser.name, result.browser.major].filter(Boolean).join(" ") || "Unknown browser";
  const os = [result.os.name, result.os.version].filter(Boolean).join(" ");
  const kind = result.device.type ? result.device.type[0]!.toUpperCase() + result.device.type.slice(1) : null;
  const device = [kind ?? (os ? null : "Unknown device"), os || null].filter(Boolean).join(", ");
  return { browser, device: device || "Unknown device" };
}
