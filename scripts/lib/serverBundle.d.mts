// Types for serverBundle.mjs (a build script in plain JavaScript), for the test that bundles a
// program the same way.
import type { BuildOptions, Plugin } from 'esbuild';

/** Packages left in node_modules (native addons, optional helpers). */
export const EXTERNAL_PACKAGES: readonly string[];
/** Packages botbuilder requires at load but rarely uses: stand-ins load them on first use. */
export const LAZY_PACKAGES: Readonly<Record<string, unknown>>;
export function lazyPackagesPlugin(outdir: string): Plugin;
export function serverBuildOptions(options: { root: string; outdir: string; quiet?: boolean }): BuildOptions;
/** Rewrites the written .js/.cjs files ASCII-only (non-ASCII characters as \u escapes). */
export function asciiOutputPlugin(): Plugin;
export function launcherBuildOptions(options: {
  root: string;
  outdir: string;
  quiet?: boolean;
}): BuildOptions;
