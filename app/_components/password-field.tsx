"use client";

import { useId, useState } from "react";
import { describedInput, FieldDescription, inputClass } from "./form-field";

type PasswordFieldProps = {
  name: string;
  label: string;
  autoComplete: "current-password" | "new-password";
  errors?: string[];
  hint?: string;
};

/** A password input with a show/hide toggle; the value is never echoed back by the server. */
export function PasswordField({ name, label, autoComplete, errors, hint }: PasswordFieldProps) {
  const id = useId();
  const [visible, setVisible] = useState(false);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          name={name}
          type={visible ? "text" : "password"}
          autoComplete={autoComplete}
          required
          className={inputClass}
          {...describedInput(id, hint, errors)}
        />
        <button
          type="button"
          onClick={() => setVisible((value) => !value)}
          aria-pressed={visible}
          aria-controls={id}
          className="shrink-0 rounded-md border border-zinc-300 px-3 text-sm hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          {visible ? "Hide" : "Show"}
          <span className="sr-only"> password</span>
        </button>
      </div>
      <FieldDescription id={id} hint={hint} errors={errors} />
    </div>
  );
}
