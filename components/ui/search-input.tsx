"use client";

import { forwardRef, type InputHTMLAttributes } from "react";
import { cn } from "./cn";
import { IconSearch } from "./icons";

export const SearchInput = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(
  function SearchInput({ className, ...props }, ref) {
    return (
      <div className={cn("relative", className)}>
        <IconSearch
          size={14}
          className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-zinc-400"
        />
        <input
          ref={ref}
          type="search"
          className="block h-8 w-full rounded-md border border-zinc-200 bg-white pr-2.5 pl-8 text-[13px] text-zinc-900 shadow-xs placeholder:text-zinc-400 focus:border-accent-500 focus:ring-2 focus:ring-accent-500/20 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
          {...props}
        />
      </div>
    );
  },
);
