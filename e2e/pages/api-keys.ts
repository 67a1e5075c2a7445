import { type Page, expect } from "@playwright/test";

/** /account/api-keys, as a person uses it. */
export class ApiKeyPages {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/account/api-keys");
    await expect(this.page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  }

  /** Fills and sends the create form; returns the key from the shown-once panel. */
  async create(name: string, options: { scopes?: string[]; password?: string } = {}): Promise<string> {
    await this.page.getByLabel("Name").fill(name);
    for (const scope of options.scopes ?? []) await this.page.getByRole("checkbox", { name: scope }).check();
    if (options.password !== undefined) await this.page.getByLabel("Your password").fill(options.password);
    await this.page.getByRole("button", { name: "Create key" }).click();
    const value = this.page.getByTestId("new-api-key-value");
    await expect(value).toHaveText(/^ak_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    return (await value.textContent())!;
  }

  row(name: string) {
    return this.page.getByTestId("api-key-row").filter({ hasText: name });
  }

  async revoke(name: string): Promise<void> {
    await this.page.getByRole("button", { name: `Revoke ${name}` }).click();
    await expect(this.row(name)).toHaveCount(0);
  }
}
