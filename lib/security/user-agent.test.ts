import { describe, expect, it } from "vitest";
import { describeUserAgent } from "./user-agent";

describe("describeUserAgent", () => {
  it("names browser and operating system", () => {
    expect(
      describeUserAgent(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
      ),
    ).toEqual({ browser: "Chrome 156", device: "Linux" });
    expect(
      describeUserAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
      ),
    ).toEqual({ browser: "Mobile Safari 18", device: "Mobile, iOS 18.0" });
  });

  it("copes with missing and garbage values", () => {
    expect(describeUserAgent(null)).toEqual({ browser: "Unknown browser", device: "Unknown device" });
    expect(describeUserAgent("curl/8.5.0").browser).toBe("Unknown browser");
  });
});
