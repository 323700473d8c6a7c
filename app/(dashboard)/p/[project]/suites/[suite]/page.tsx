import type { Metadata } from "next";
import { SuiteView } from "./_components/suite-view";

export const metadata: Metadata = { title: "Suite" };

export default async function SuitePage({ params }: { params: Promise<{ suite: string }> }) {
  const { suite } = await params;
  return <SuiteView idOrSlug={decodeURIComponent(suite)} />;
}
