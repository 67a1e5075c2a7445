// ASVS 6.2.6 and 6.2.7: the one password input every form uses is masked, and nothing stops the
// browser's password manager or a paste from filling it.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PasswordField } from "@/app/_components/password-field";

describe("the password field", () => {
  it("renders a masked input that password managers fill and paste reaches", () => {
    for (const autoComplete of ["current-password", "new-password"] as const) {
      const html = renderToStaticMarkup(
        createElement(PasswordField, { name: "password", label: "Password", autoComplete }),
      );
      const input = /<input[^>]*>/.exec(html)?.[0] ?? "";
      expect(input).toContain('type="password"');
      expect(input).toContain(`autoComplete="${autoComplete}"`);
      expect(input).not.toMatch(/onpaste|oncopy|readonly|maxlength/i);
      expect(html).toContain(">Show<");
    }
  });
});
