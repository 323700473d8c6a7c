import type { Metadata } from "next";
import { Suspense } from "react";
import { SuiteRunView } from "./_components/suite-run-view";

export const metadata: Metadata = { title: "Suite run" };

export default async function SuiteRunPage({ params }: { params: Promise<{ srun: string }> }) {
  const { srun } = await params;
  return (
    <Suspense>
      <SuiteRunView id={srun} />
    </Suspense>
  );
}
