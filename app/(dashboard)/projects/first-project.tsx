"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { NewProjectDialog } from "@/components/shell/new-project-dialog";

export function FirstProject() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="primary" className="w-full" onClick={() => setOpen(true)}>
        Create a project
      </Button>
      <NewProjectDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}
