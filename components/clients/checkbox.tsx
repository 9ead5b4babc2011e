"use client";

import { type ChangeEvent, useEffect, useRef } from "react";

/** A native checkbox (keyboard and screen readers for free) that can also show "some selected". */
export function Checkbox({
  checked,
  indeterminate = false,
  onChange,
  "aria-label": label,
}: {
  checked: boolean;
  indeterminate?: boolean;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  "aria-label": string;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate && !checked;
  }, [indeterminate, checked]);
  return (
    <input
      ref={ref}
      type="checkbox"
      checked={checked}
      onChange={onChange}
      aria-label={label}
      className="size-4 cursor-pointer rounded border-input align-middle accent-primary"
    />
  );
}
