/**
 * Lucide's icons for the error boundaries' ErrorView, drawn as lucide-react draws them but
 * without it: the boundaries are loaded with every page, each as a chunk group of its own, and
 * Turbopack repeats in each the small modules they share with the layout (lucide-react's icon
 * base, next/link) instead of sharing one chunk (docs/decisions/0022-first-load-js.md).
 * Everywhere else, import lucide-react.
 */

const iconProps = {
  xmlns: "http://www.w3.org/2000/svg",
  width: 24,
  height: 24,
  viewBox: "0 0 24 24",
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 2,
  strokeLinecap: "round",
  strokeLinejoin: "round",
  "aria-hidden": true,
} as const;

export function TriangleExclamationPoint({ className }: { className: string }) {
  return (
    <svg {...iconProps} className={`lucide lucide-triangle-exclamation-point ${className}`}>
      <path d="m21.73 18-8-14a2 2 0 0 0-3.48 0l-8 14A2 2 0 0 0 4 21h16a2 2 0 0 0 1.73-3" />
      <path d="M12 9v4" />
      <path d="M12 17h.01" />
    </svg>
  );
}

export function RotateCcw({ className }: { className: string }) {
  return (
    <svg {...iconProps} className={`lucide lucide-rotate-ccw ${className}`}>
      <path d="M3 12a9 9 0 1 0 9-9 9.75 9.75 0 0 0-6.74 2.74L3 8" />
      <path d="M3 3v5h5" />
    </svg>
  );
}
