"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { fetchJson, isProblem } from "@/lib/client/fetch";
import { signInAction } from "@/app/signin/actions";

/** First-run owner: create the account, then sign in with it (which lands on the demo project). */
export function SetupForm() {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const name = String(data.get("name") ?? "").trim();
    if (password !== String(data.get("confirm") ?? "")) {
      setFieldErrors({ confirm: "The passwords do not match." });
      return;
    }
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      await fetchJson("/api/setup", { body: { email, password, ...(name ? { name } : {}) } });
      const signIn = new FormData();
      signIn.set("email", email);
      signIn.set("password", password);
      signIn.set("callbackUrl", "/");
      const result = await signInAction(null, signIn);
      if (result?.error) setError(result.error);
    } catch (e) {
      if (isProblem(e)) {
        if (e.status === 409) {
          window.location.assign("/signin");
          return;
        }
        const byField: Record<string, string> = {};
        for (const f of e.errors) byField[f.field] = f.message;
        setFieldErrors(byField);
        setError(e.errors.length ? null : e.detail);
      } else if (!(e instanceof Error && /NEXT_REDIRECT/.test(e.message))) {
        setError("Could not finish the setup. Try again.");
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(e.currentTarget);
      }}
    >
      <Field label="Your name" hint="Optional">
        {(p) => <Input {...p} name="name" autoComplete="name" />}
      </Field>
      <Field label="Email" error={fieldErrors.email}>
        {(p) => (
          <Input {...p} name="email" type="email" autoComplete="username" required autoFocus />
        )}
      </Field>
      <Field label="Password" hint="At least 8 characters." error={fieldErrors.password}>
        {(p) => (
          <Input
            {...p}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
          />
        )}
      </Field>
      <Field label="Confirm password" error={fieldErrors.confirm}>
        {(p) => (
          <Input {...p} name="confirm" type="password" autoComplete="new-password" required />
        )}
      </Field>
      {error ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-[13px] text-red-700 dark:bg-red-950/40 dark:text-red-300"
        >
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="primary" className="w-full" loading={pending}>
        Create owner account
      </Button>
    </form>
  );
}
