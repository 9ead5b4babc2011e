"use client";

import { type RefObject, useEffect } from "react";

/** Calls `onOutside` when a pointer goes down outside `ref` while `active`. */
export function useOutsidePointerDown(
  ref: RefObject<HTMLElement | null>,
  active: boolean,
  onOutside: () => void,
): void {
  useEffect(() => {
    if (!active) return;
    function handle(event: PointerEvent) {
      if (event.target instanceof Node && !ref.current?.contains(event.target)) onOutside();
    }
    document.addEventListener("pointerdown", handle);
    return () => document.removeEventListener("pointerdown", handle);
  }, [ref, active, onOutside]);
}
