"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While the shared run is still going, re-render the report every few seconds. */
export function AutoRefresh({ everyMs = 5000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
