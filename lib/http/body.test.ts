import { describe, expect, it } from "vitest";
import { readBodyText } from "./body";

function streamed(chunks: number, chunkSize: number): Request {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ >= chunks) return controller.close();
      controller.enqueue(new Uint8Array(chunkSize).fill(120));
    },
  });
  return new Request("http://localhost/x", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("readBodyText", () => {
  it("reads a body within the limit", async () => {
    expect(
      await readBodyText(new Request("http://localhost/x", { method: "POST", body: "héllo" }), 100),
    ).toBe("héllo");
  });

  it("refuses a declared length over the limit without reading", async () => {
    const request = new Request("http://localhost/x", {
      method: "POST",
      body: "x".repeat(10),
      headers: { "content-length": "999999" },
    });
    expect(await readBodyText(request, 100)).toBeNull();
  });

  it("stops a chunked body as soon as it passes the limit", async () => {
    const request = streamed(1000, 1024);
    expect(await readBodyText(request, 16 * 1024)).toBeNull();
  });

  it("answers a body whose stream breaks with 400, not 413", async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error("client went away"));
      },
    });
    const request = new Request("http://localhost/x", {
      method: "POST",
      body,
      duplex: "half",
    } as RequestInit);
    await expect(readBodyText(request, 100)).rejects.toMatchObject({ status: 400, code: "invalid_request" });
  });
});
