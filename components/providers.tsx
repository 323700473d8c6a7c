"use client";

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { isProblem } from "@/lib/client/fetch";
import { applyTheme, readThemePreference } from "@/lib/client/theme";
import { ToastProvider } from "@/components/ui/toast";

/** A session that expired mid-page: go sign in, and come back here afterwards. */
function onError(error: unknown) {
  if (isProblem(error) && error.status === 401 && !window.location.pathname.startsWith("/signin")) {
    const back = window.location.pathname + window.location.search;
    window.location.assign(`/signin?callbackUrl=${encodeURIComponent(back)}`);
  }
}

function makeClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: true,
        // A 4xx will not fix itself by asking again; network blips and 5xx get two more tries.
        retry: (count, error) =>
          isProblem(error) && error.status >= 400 && error.status < 500 ? false : count < 2,
      },
    },
  });
}

/** Follow the OS theme while the preference is "system"; print in light. */
function ThemeSync() {
  useEffect(() => {
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => {
      if (readThemePreference() === "system") applyTheme("system");
    };
    const beforePrint = () => document.documentElement.classList.remove("dark");
    const afterPrint = () => applyTheme(readThemePreference());
    media.addEventListener("change", onChange);
    window.addEventListener("beforeprint", beforePrint);
    window.addEventListener("afterprint", afterPrint);
    return () => {
      media.removeEventListener("change", onChange);
      window.removeEventListener("beforeprint", beforePrint);
      window.removeEventListener("afterprint", afterPrint);
    };
  }, []);
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeClient);
  return (
    <QueryClientProvider client={client}>
      <ToastProvider>
        <ThemeSync />
        {children}
      </ToastProvider>
    </QueryClientProvider>
  );
}
