"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import {
  useAddMember,
  useMembers,
  useRemoveMember,
  useUpdateMember,
} from "@/lib/client/hooks/settings";
import { useProjectContext } from "@/lib/client/project";
import { isProblem } from "@/lib/client/fetch";
import type { Member, Role } from "@/lib/client/types";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Select, TextField } from "@/components/ui/input";
import { IconPlus } from "@/components/ui/icons";
import { Section } from "@/components/ui/layout";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, THead, Td, Th, Tr } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { useToast } from "@/components/ui/toast";

const ROLES: { role: Role; can: string }[] = [
  { role: "owner", can: "Everything an admin can; owns the project." },
  { role: "admin", can: "Manage API keys, webhooks and secrets, plus everything a member can." },
  {
    role: "member",
    can: "Create and edit suites, scenarios and targets; trigger, cancel, resubmit and share runs.",
  },
  { role: "viewer", can: "Read suites, runs and results." },
];

const ROLE_TONE: Record<Role, BadgeTone> = {
  owner: "amber",
  admin: "accent",
  member: "neutral",
  viewer: "slate",
};

const LAST_OWNER = "A project keeps at least one owner";

/** Who has access to the project, with what role; owners and admins add, remove and re-role. */
export function MembersSection() {
  const { project, user } = useProjectContext();
  const router = useRouter();
  const toast = useToast();
  const members = useMembers();
  const update = useUpdateMember();
  const remove = useRemoveMember();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);

  // The list's `me` is fresher than the role the page was rendered with.
  const myRole: Role | undefined = members.data?.me?.role ?? project.role;
  const myId = members.data?.me?.user_id ?? user?.id;
  const admin = myRole === "owner" || myRole === "admin";
  const owners = members.data?.data.filter((m) => m.role === "owner").length ?? 0;

  /** Why this member's role cannot be changed or the member removed by me, or null if it can. */
  const lockedBecause = (m: Member): string | null => {
    if (!admin) return "Only owners and admins manage members";
    if (m.role === "owner" && myRole !== "owner") return "Only an owner can change an owner";
    if (m.role === "owner" && owners <= 1) return LAST_OWNER;
    return null;
  };

  const changeRole = (m: Member, role: Role) => {
    update.mutate(
      { id: m.id, role },
      {
        onSuccess: (changed) => {
          toast(`${changed.email} is now ${changed.role}`, "success");
          // Our own role is also in the server-rendered project (navigation, permissions).
          if (changed.user_id === myId) router.refresh();
        },
      },
    );
  };

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-[13px] text-zinc-700 dark:text-zinc-300">
          You are {myRole ? <Badge tone={ROLE_TONE[myRole]}>{myRole}</Badge> : "a member"} of{" "}
          <strong>{project.name}</strong>.
          {admin ? null : (
            <span className="text-zinc-500 dark:text-zinc-400" data-testid="members-read-only">
              {" "}
              Only owners and admins can add or remove members and change roles.
            </span>
          )}
        </p>
        {admin ? (
          <Button
            variant="primary"
            size="sm"
            icon={<IconPlus size={14} />}
            onClick={() => setAdding(true)}
          >
            Add member
          </Button>
        ) : null}
      </div>

      {update.error ? <ErrorState error={update.error} title="Role not changed" /> : null}

      {members.isPending ? (
        <LoadingRows rows={3} />
      ) : members.isError ? (
        <ErrorState
          error={members.error}
          title="Could not load members"
          onRetry={() => void members.refetch()}
        />
      ) : members.data.data.length === 0 ? (
        <EmptyState title="No members" />
      ) : (
        <Table>
          <THead>
            <tr>
              <Th>Email</Th>
              <Th>Name</Th>
              <Th>Role</Th>
              <Th>Added</Th>
              {admin ? (
                <Th className="w-px">
                  <span className="sr-only">Actions</span>
                </Th>
              ) : null}
            </tr>
          </THead>
          <tbody>
            {members.data.data.map((m) => {
              const locked = lockedBecause(m);
              const saving = update.isPending && update.variables?.id === m.id;
              const isMe = m.user_id === myId;
              return (
                <Tr key={m.id} data-testid="member-row">
                  <Td>
                    <span className="font-medium">{m.email}</span>
                    {isMe ? (
                      <Badge className="ml-2" tone="blue">
                        you
                      </Badge>
                    ) : null}
                  </Td>
                  <Td className="text-zinc-600 dark:text-zinc-400">
                    {m.name ?? <span className="text-zinc-400 dark:text-zinc-500">—</span>}
                  </Td>
                  <Td>
                    {admin ? (
                      <Select
                        aria-label={`Role of ${m.email}`}
                        title={locked ?? undefined}
                        value={m.role}
                        disabled={!!locked || saving}
                        onChange={(e) => changeRole(m, e.target.value as Role)}
                        className="h-7 w-28"
                      >
                        {ROLES.map((r) => (
                          <option
                            key={r.role}
                            value={r.role}
                            disabled={r.role === "owner" && myRole !== "owner"}
                          >
                            {r.role}
                          </option>
                        ))}
                      </Select>
                    ) : (
                      <Badge tone={ROLE_TONE[m.role]}>{m.role}</Badge>
                    )}
                  </Td>
                  <Td className="text-zinc-500">
                    <RelativeTime iso={m.created_at} />
                  </Td>
                  {admin ? (
                    <Td>
                      <Button
                        size="xs"
                        variant="outline-danger"
                        disabled={!!locked}
                        title={locked ?? undefined}
                        aria-label={`Remove ${m.email}`}
                        onClick={() => {
                          remove.reset();
                          setRemoving(m);
                        }}
                      >
                        {isMe ? "Leave" : "Remove"}
                      </Button>
                    </Td>
                  ) : null}
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}

      {admin && owners === 1 ? (
        <p className="-mt-3 text-xs text-zinc-500 dark:text-zinc-400">
          {LAST_OWNER}: make someone else an owner before changing or removing the last one.
        </p>
      ) : null}

      <Section title="Roles">
        <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {ROLES.map((r) => (
            <div key={r.role} className="flex gap-4 px-4 py-2.5 text-[13px]">
              <dt className="w-20 shrink-0 font-medium capitalize">{r.role}</dt>
              <dd className="text-zinc-600 dark:text-zinc-400">{r.can}</dd>
            </div>
          ))}
        </dl>
      </Section>

      <AddMemberDialog
        open={adding}
        onClose={() => setAdding(false)}
        canGrantOwner={myRole === "owner"}
      />

      <Dialog
        open={!!removing}
        onClose={() => setRemoving(null)}
        size="sm"
        title={removing?.user_id === myId ? "Leave this project?" : `Remove ${removing?.email}?`}
        description={
          removing?.user_id === myId
            ? `You lose access to ${project.name} at once; an admin can add you back.`
            : `They lose access to ${project.name} at once. Their account and past runs stay.`
        }
        footer={
          <>
            <Button variant="ghost" onClick={() => setRemoving(null)}>
              Cancel
            </Button>
            <Button
              variant="danger"
              loading={remove.isPending}
              onClick={() => {
                if (!removing) return;
                const leaving = removing.user_id === myId;
                remove.mutate(removing.id, {
                  onSuccess: () => {
                    setRemoving(null);
                    toast(`${removing.email} removed`, "success");
                    if (leaving) {
                      router.push("/");
                      router.refresh();
                    }
                  },
                });
              }}
            >
              {removing?.user_id === myId ? "Leave project" : "Remove member"}
            </Button>
          </>
        }
      >
        {remove.error ? <ErrorState error={remove.error} title="Not removed" /> : null}
      </Dialog>
    </div>
  );
}

function AddMemberDialog({
  open,
  onClose,
  canGrantOwner,
}: {
  open: boolean;
  onClose: () => void;
  canGrantOwner: boolean;
}) {
  const add = useAddMember();
  const toast = useToast();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("member");
  const [password, setPassword] = useState("");
  const problem = isProblem(add.error) ? add.error : null;
  // "Already a member" (409) names the email field without a field error list.
  const emailError =
    problem?.fieldMessage("email") ?? (problem?.field === "email" ? problem.detail : undefined);
  // "No user has this email yet" (422) explains itself better in its detail than in its field error.
  const passwordIssue = problem?.errors.find((e) => e.field === "password");
  const passwordError =
    passwordIssue?.code === "required" ? problem?.detail : passwordIssue?.message;
  const shownInline =
    !!emailError ||
    !!passwordError ||
    !!problem?.fieldMessage("name") ||
    !!problem?.fieldMessage("role");

  const close = () => {
    onClose();
    add.reset();
    setEmail("");
    setName("");
    setRole("member");
    setPassword("");
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Add member"
      description="Give someone with an Assay account access to this project, or create their account."
      footer={
        <>
          <Button variant="ghost" onClick={close}>
            Cancel
          </Button>
          <Button
            type="submit"
            form="add-member-form"
            variant="primary"
            loading={add.isPending}
            disabled={!email.trim()}
          >
            Add member
          </Button>
        </>
      }
    >
      <form
        id="add-member-form"
        className="space-y-3"
        autoComplete="off"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(
            {
              email: email.trim(),
              role,
              ...(name.trim() ? { name: name.trim() } : {}),
              ...(password ? { password } : {}),
            },
            {
              onSuccess: (m) => {
                toast(`Added ${m.email} as ${m.role}`, "success");
                close();
              },
            },
          );
        }}
      >
        <TextField
          label="Email"
          error={emailError}
          value={email}
          onValueChange={setEmail}
          type="email"
          placeholder="ada@example.com"
          required
          autoFocus
          name="member-email"
        />
        <Field label="Role" error={problem?.fieldMessage("role")}>
          {(p) => (
            <Select
              {...p}
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
              name="member-role"
            >
              {ROLES.map((r) => (
                <option key={r.role} value={r.role} disabled={r.role === "owner" && !canGrantOwner}>
                  {r.role}
                  {r.role === "owner" && !canGrantOwner ? " (only an owner can grant it)" : ""}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="rounded-lg border border-dashed border-zinc-300 p-3 dark:border-zinc-700">
          <p className="mb-2.5 text-xs text-zinc-500 dark:text-zinc-400">
            No account with this email yet? Self-hosted Assay sends no email: set an initial
            password and pass it on. Leave both empty for someone who already has an account.
          </p>
          <div className="space-y-3">
            <TextField
              label="Name (optional)"
              error={problem?.fieldMessage("name")}
              value={name}
              onValueChange={setName}
              placeholder="Ada Lovelace"
              name="member-name"
            />
            <TextField
              label="Initial password (for a new account)"
              error={passwordError}
              hint="At least 8 characters."
              value={password}
              onValueChange={setPassword}
              type="password"
              minLength={8}
              autoComplete="new-password"
              name="member-password"
            />
          </div>
        </div>
        {add.error && !shownInline ? <ErrorState error={add.error} title="Not added" /> : null}
      </form>
    </Dialog>
  );
}
