"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCreateProject } from "@/lib/client/hooks/projects";
import { isProblem } from "@/lib/client/fetch";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, TextField } from "@/components/ui/input";

const slugify = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);

export function NewProjectDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const router = useRouter();
  const create = useCreateProject();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugTouched, setSlugTouched] = useState(false);
  const effectiveSlug = slugTouched ? slug : slugify(name);
  const error = isProblem(create.error) ? create.error : null;

  const close = () => {
    setName("");
    setSlug("");
    setSlugTouched(false);
    create.reset();
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      title="New project"
      description="A project holds its own suites, targets, secrets, keys and members."
      size="sm"
      footer={
        <>
          <Button variant="ghost" onClick={close}>
            Cancel
          </Button>
          <Button
            variant="primary"
            type="submit"
            form="new-project-form"
            loading={create.isPending}
            disabled={!name.trim()}
          >
            Create project
          </Button>
        </>
      }
    >
      <form
        id="new-project-form"
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { name: name.trim(), ...(effectiveSlug ? { slug: effectiveSlug } : {}) },
            {
              onSuccess: (project) => {
                close();
                router.push(`/p/${project.slug}/suites`);
                router.refresh();
              },
            },
          );
        }}
      >
        <TextField
          label="Name"
          error={error?.fieldMessage("name")}
          value={name}
          onValueChange={setName}
          placeholder="Checkout assistant"
          autoFocus
          required
        />
        <Field
          label="Slug"
          hint={`URLs look like /p/${effectiveSlug || "slug"}/suites`}
          error={
            error?.fieldMessage("slug") ??
            (error && !error.errors.length ? error.detail : undefined)
          }
        >
          {(p) => (
            <Input
              {...p}
              value={effectiveSlug}
              onChange={(e) => {
                setSlugTouched(true);
                setSlug(e.target.value);
              }}
              className="font-mono"
              pattern="[a-z0-9-]+"
            />
          )}
        </Field>
      </form>
    </Dialog>
  );
}
