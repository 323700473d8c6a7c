import {
  forwardRef,
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { cn } from "./cn";

/** Full width unless the caller sets a width. */
const width = (className?: string) => (className && /(^|\s)w-/.test(className) ? "" : "w-full");

const control =
  "block rounded-md border border-zinc-200 bg-white px-2.5 text-[13px] text-zinc-900 shadow-xs placeholder:text-zinc-400 focus:border-accent-500 focus:outline-none focus:ring-2 focus:ring-accent-500/20 disabled:cursor-not-allowed disabled:opacity-60 aria-[invalid=true]:border-red-400 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500";

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(
  function Input({ className, ...props }, ref) {
    return (
      <input ref={ref} className={cn(control, width(className), "h-8", className)} {...props} />
    );
  },
);

export const Textarea = forwardRef<
  HTMLTextAreaElement,
  TextareaHTMLAttributes<HTMLTextAreaElement> & { mono?: boolean }
>(function Textarea({ className, mono, ...props }, ref) {
  return (
    <textarea
      ref={ref}
      spellCheck={mono ? false : undefined}
      className={cn(
        control,
        width(className),
        "min-h-20 py-1.5 leading-relaxed",
        mono && "font-mono text-[12.5px]",
        className,
      )}
      {...props}
    />
  );
});

export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(
  function Select({ className, children, ...props }, ref) {
    return (
      <select ref={ref} className={cn(control, width(className), "h-8 pr-7", className)} {...props}>
        {children}
      </select>
    );
  },
);

export function Label({
  htmlFor,
  children,
  className,
}: {
  htmlFor?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <label
      htmlFor={htmlFor}
      className={cn("block text-[13px] font-medium text-zinc-700 dark:text-zinc-300", className)}
    >
      {children}
    </label>
  );
}

/** A labelled control with an optional hint and inline error; wires ids and aria for the child. */
export function Field({
  label,
  hint,
  error,
  children,
  className,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  children: (props: {
    id: string;
    "aria-invalid"?: boolean;
    "aria-describedby"?: string;
  }) => ReactNode;
  className?: string;
}) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={cn("space-y-1", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled text input, the common case of `Field` + `Input`: a string in, a string out. */
export function TextField({
  label,
  hint,
  error,
  className,
  inputClassName,
  onValueChange,
  ...input
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** On the field (label, input and message): its width in a row of fields. */
  className?: string;
  inputClassName?: string;
  value: string;
  onValueChange: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "className">) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(p) => (
        <Input
          {...p}
          {...input}
          className={inputClassName}
          onChange={(e) => onValueChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function Checkbox({
  label,
  className,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: ReactNode }) {
  return (
    <label
      className={cn(
        "inline-flex cursor-pointer items-center gap-2 text-[13px] text-zinc-700 dark:text-zinc-300",
        className,
      )}
    >
      <input
        type="checkbox"
        className="h-3.5 w-3.5 rounded border-zinc-300 accent-accent-600 dark:border-zinc-600"
        {...props}
      />
      <span className="min-w-0">{label}</span>
    </label>
  );
}
