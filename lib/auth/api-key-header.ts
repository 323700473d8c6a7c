/** The API key in any of the documented headers (Bearer, X-Auth-Token, X-API-Key), or null. */
export function apiKeyFrom(header: (name: string) => string | undefined): string | null {
  const bearer = header("authorization");
  if (bearer) {
    const match = /^Bearer\s+(.+)$/i.exec(bearer.trim());
    if (match) return match[1].trim();
  }
  return header("x-auth-token")?.trim() || header("x-api-key")?.trim() || null;
}
