import { type Locator, type Page, expect } from "@playwright/test";

/** /compare and /compare/<slug>, as a visitor uses them. */
export class LabPages {
  constructor(private readonly page: Page) {}

  async openTable(): Promise<void> {
    await this.page.goto("/compare");
    await expect(
      this.page.getByRole("heading", { name: "Sessions, JWTs and OAuth, compared" }),
    ).toBeVisible();
  }

  async open(slug: string): Promise<void> {
    await this.page.goto(`/compare/${slug}`);
    await expect(this.page.getByTestId("claim")).toBeVisible();
  }

  /** Presses Run, watches the pending state, and waits for the measured verdict. */
  async run(): Promise<void> {
    const button = this.page.getByRole("button", { name: /^(Run the experiment|Run again)$/ });
    await button.click();
    await expect(this.verdict).toBeVisible({ timeout: 60_000 });
    await expect(this.page.getByRole("button", { name: "Run again" })).toBeEnabled();
  }

  get verdict(): Locator {
    return this.page.getByTestId("verdict");
  }

  get cost(): Locator {
    return this.page.getByTestId("cost");
  }

  get headline(): Locator {
    return this.page.getByTestId("headline");
  }

  get steps(): Locator {
    return this.page.getByTestId("steps").getByRole("listitem");
  }

  /** The measured value the result table shows for a label. */
  measurement(label: string): Locator {
    return this.page
      .getByTestId("measurements")
      .locator("div")
      .filter({ has: this.page.locator("dt").getByText(label, { exact: true }) })
      .locator("dd");
  }

  /** A measured size such as "512 B", as a number. */
  async bytes(label: string): Promise<number> {
    const text = (await this.measurement(label).textContent()) ?? "";
    const match = /^(\d+) B/.exec(text);
    expect(match, `${label}: ${text}`).not.toBeNull();
    return Number(match![1]);
  }
}
