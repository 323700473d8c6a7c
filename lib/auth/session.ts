import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { verifyCredentials } from "@/lib/users/service";
import { consumeLoginAttempt } from "./rate-limit";

const credentials = z.object({
  email: z.string().email().max(320),
  password: z.string().min(1).max(1000),
});

class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
}

/** next-auth v5: email + password (argon2id), JWT sessions in an httpOnly cookie. */
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: process.env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/signin" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        const ip = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "local";
        if (
          !(await consumeLoginAttempt(`ip:${ip}`)) ||
          !(await consumeLoginAttempt(`email:${parsed.data.email.toLowerCase()}`))
        ) {
          throw new TooManyAttempts();
        }
        const user = await verifyCredentials(parsed.data.email, parsed.data.password);
        return user ? { id: user.id, email: user.email, name: user.name ?? user.email } : null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
});

/** The signed-in user's id, or null. */
export async function sessionUserId(): Promise<string | null> {
  const session = await auth();
  return session?.user?.id ?? null;
}
