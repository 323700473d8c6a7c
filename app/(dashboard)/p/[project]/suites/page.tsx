import type { Metadata } from "next";
import { Suspense } from "react";
import { SuitesView } from "./_components/suites-view";

export const metadata: Metadata = { title: "Suites" };

export default function SuitesPage() {
  return (
    <Suspense>
      <SuitesView />
    </Suspense>
  );
}
