import type { Metadata } from "next";
import { Suspense } from "react";
import { CompareView } from "./compare-view";

export const metadata: Metadata = { title: "Compare runs" };

export default async function ComparePage({ params }: { params: Promise<{ srun: string }> }) {
  const { srun } = await params;
  return (
    <Suspense>
      <CompareView id={srun} />
    </Suspense>
  );
}
