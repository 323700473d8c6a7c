import type { Metadata } from "next";
import { Suspense } from "react";
import { TargetsView } from "./_components/targets-view";

export const metadata: Metadata = { title: "Targets" };

export default function TargetsPage() {
  return (
    <Suspense>
      <TargetsView />
    </Suspense>
  );
}
