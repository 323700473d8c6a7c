"use server";

import { AuthError } from "next-auth";
import { signIn, signOut } from "@/lib/auth/session";

export type SignInState = { error: string | null; email?: string };

/** Only same-site paths: never bounce a user to another origin after sign-in. */
function safeCallback(value: FormDataEntryValue | null): string {
  const text = typeof value === "string" ? value : "";
  return text.startsWith("/") && !text.startsWith("//") && !text.startsWith("/\\") ? text : "/";
}

export async function signInAction(
  _prev: SignInState | null,
  formData: FormData,
): Promise<SignInState> {
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password.", email };
  try {
    await signIn("credentials", {
      email,
      password,
      redirectTo: safeCallback(formData.get("callbackUrl")),
    });
  } catch (error) {
    // signIn redirects by throwing; only auth failures are ours to report.
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      if (code === "rate_limited")
        return { error: "Too many attempts. Wait a few minutes and try again.", email };
      return { error: "That email and password do not match an account.", email };
    }
    throw error;
  }
  return { error: null };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin" });
}
