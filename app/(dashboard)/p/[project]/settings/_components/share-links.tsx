"use client";

import Link from "next/link";
import { useProjectShareLinks } from "@/lib/client/hooks/settings";
import { useRevokeShareLink } from "@/lib/client/hooks/suite-runs";
import { useCanWrite, useProjectSlug } from "@/lib/client/project";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, THead, Td, Th, Tr } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { formatDateTime, shortId } from "@/components/ui/format";

/** Every report link of the project; the URLs themselves are never stored, so they cannot be shown again. */
export function ShareLinksSection() {
  const project = useProjectSlug();
  const canWrite = useCanWrite();
  const links = useProjectShareLinks();
  const revoke = useRevokeShareLink();
  if (links.isPending) return <LoadingRows rows={2} />;
  if (links.isError)
    return (
      <ErrorState
        error={links.error}
        title="Could not load share links"
        onRetry={() => void links.refetch()}
      />
    );
  if (links.data.data.length === 0)
    return (
      <EmptyState title="No share links">Create one from a suite run with “Share”.</EmptyState>
    );
  return (
    <div className="space-y-2">
      <p className="text-[13px] text-zinc-500">
        Links are shown once when created; only their hash is kept. Revoking one makes it a
        not-found page at once.
      </p>
      <Table>
        <THead>
          <tr>
            <Th>Link</Th>
            <Th>Suite run</Th>
            <Th>Created</Th>
            <Th>Expires</Th>
            <Th>Status</Th>
            <Th className="w-px">
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </THead>
        <tbody>
          {links.data.data.map((l) => {
            const expired = !!l.expires_at && new Date(l.expires_at) < new Date();
            return (
              <Tr key={l.id} data-testid="share-link-row">
                <Td className="font-mono text-[12.5px]">{shortId(l.id)}</Td>
                <Td>
                  <Link
                    href={`/p/${project}/runs/${l.suite_run_id}`}
                    className="font-mono text-[12.5px] text-accent-700 hover:underline dark:text-accent-400"
                  >
                    {shortId(l.suite_run_id)}
                  </Link>
                </Td>
                <Td className="text-zinc-500">
                  <RelativeTime iso={l.created_at} />
                </Td>
                <Td className="text-zinc-500">
                  {l.expires_at ? formatDateTime(l.expires_at) : "never"}
                </Td>
                <Td>
                  {l.revoked ? (
                    <Badge>revoked</Badge>
                  ) : expired ? (
                    <Badge tone="amber">expired</Badge>
                  ) : (
                    <Badge tone="green">active</Badge>
                  )}
                </Td>
                <Td>
                  {canWrite && !l.revoked && !expired ? (
                    <Button
                      size="xs"
                      variant="outline-danger"
                      loading={revoke.isPending && revoke.variables === l.id}
                      onClick={() => revoke.mutate(l.id)}
                    >
                      Revoke
                    </Button>
                  ) : null}
                </Td>
              </Tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}
