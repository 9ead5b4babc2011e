"use client";

import { ThemeProvider as NextThemesProvider } from "next-themes";
import type { ReactNode } from "react";

// React warns about <script> rendered on the client. The script only has to run from the server
// HTML (before first paint), so on the client it becomes inert text/plain; the attribute
// mismatch is covered by the suppressHydrationWarning next-themes sets on it.
const scriptProps = { type: typeof window === "undefined" ? "text/javascript" : "text/plain" };

/** `nonce`: this response's CSP nonce (proxy.ts), without which the theme script would be blocked. */
export function ThemeProvider({ children, nonce }: { children: ReactNode; nonce?: string }) {
  return (
    <NextThemesProvider
      nonce={nonce}
      attribute="class"
      defaultTheme="system"
      enableSystem
      disableTransitionOnChange
      scriptProps={scriptProps}
    >
      {children}
    </NextThemesProvider>
  );
}
