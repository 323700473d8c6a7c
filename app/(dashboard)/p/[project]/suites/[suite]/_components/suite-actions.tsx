"use client";

import { useRouter } from "next/navigation";
import { useArchiveSuite, useDuplicateSuite } from "@/lib/client/hooks/suites";
import { useProjectSlug } from "@/lib/client/project";
import type { SuiteDetail } from "@/lib/client/types";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Menu } from "@/components/ui/menu";
import { ErrorState } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";

export function SuiteMenu({
  suite,
  onEdit,
  onArchive,
}: {
  suite: SuiteDetail;
  onEdit: () => void;
  onArchive: () => void;
}) {
  const router = useRouter();
  const project = useProjectSlug();
  const duplicate = useDuplicateSuite();
  const toast = useToast();
  return (
    <Menu
      align="end"
      label="Suite actions"
      trigger={({ ref, ...props }) => (
        <Button ref={ref} {...props} loading={duplicate.isPending}>
          More
        </Button>
      )}
      items={[
        { label: "Edit suite", onSelect: onEdit },
        {
          label: "Duplicate",
          onSelect: () =>
            duplicate.mutate(suite.id, {
              onSuccess: (copy) => {
                toast(`Created “${copy.name}”`, "success");
                router.push(`/p/${project}/suites/${copy.slug}`);
              },
              onError: (e) => toast((e as Error).message, "error"),
            }),
        },
        { type: "separator" },
        { label: "Archive…", onSelect: onArchive, disabled: suite.archived },
      ]}
    />
  );
}

export function ArchiveDialog({
  suite,
  open,
  onClose,
}: {
  suite: SuiteDetail;
  open: boolean;
  onClose: () => void;
}) {
  const router = useRouter();
  const project = useProjectSlug();
  const archive = useArchiveSuite();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="sm"
      title={`Archive “${suite.name}”?`}
      description="It disappears from the list and can no longer be run. Its runs and reports stay."
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            variant="danger"
            loading={archive.isPending}
            onClick={() =>
              archive.mutate(suite.id, { onSuccess: () => router.push(`/p/${project}/suites`) })
            }
          >
            Archive
          </Button>
        </>
      }
    >
      {archive.isError ? <ErrorState error={archive.error} title="Not archived" /> : null}
    </Dialog>
  );
}
