"use client";

import { useEffect, useState } from "react";
import {
  readThemePreference,
  storeThemePreference,
  type ThemePreference,
} from "@/lib/client/theme";
import { cn } from "@/components/ui/cn";
import { IconMonitor, IconMoon, IconSun } from "@/components/ui/icons";

const OPTIONS: { value: ThemePreference; label: string; icon: typeof IconSun }[] = [
  { value: "light", label: "Light", icon: IconSun },
  { value: "dark", label: "Dark", icon: IconMoon },
  { value: "system", label: "System", icon: IconMonitor },
];

/** Light / dark / follow the system; the choice is kept in localStorage. */
export function ThemeToggle({ className }: { className?: string }) {
  const [pref, setPref] = useState<ThemePreference>("system");
  useEffect(() => setPref(readThemePreference()), []);
  return (
    <div
      role="radiogroup"
      aria-label="Theme"
      className={cn(
        "inline-flex rounded-md border border-zinc-200 p-0.5 dark:border-zinc-800",
        className,
      )}
    >
      {OPTIONS.map(({ value, label, icon: Icon }) => (
        <button
          key={value}
          type="button"
          role="radio"
          aria-checked={pref === value}
          aria-label={`${label} theme`}
          title={`${label} theme`}
          data-theme-option={value}
          onClick={() => {
            storeThemePreference(value);
            setPref(value);
          }}
          className={cn(
            "inline-flex h-6 w-7 items-center justify-center rounded transition-colors",
            pref === value
              ? "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-white"
              : "text-zinc-400 hover:text-zinc-700 dark:text-zinc-500 dark:hover:text-zinc-200",
          )}
        >
          <Icon size={14} />
        </button>
      ))}
    </div>
  );
}
