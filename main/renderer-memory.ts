/**
 * How the renderer's JavaScript engine (the page and its workers: the search engine's, the
 * storage's) trades memory for time.
 *
 * V8 collects the old generation of a heap once it has grown by a factor of what was alive
 * after the last collection — up to 4×, when collections look cheap. After a sync the engine
 * worker builds the search index: ~550 MB alive (the index being built, the organisations and
 * places the offers refer to) while it decodes and drops a national snapshot's 1.3 million
 * records, whose garbage outlives the young generation. With V8's default growth, the
 * renderer peaked at ~1.5–1.7 GB for ~0.6 GB alive; with a 25 % growth step, at ~1.1 GB, the
 * index taking ~25 % longer to build (measured on a national snapshot: bench `search-browser`,
 * `sync-browser --app-flags`). Searches allocate little: their pauses do not change.
 */

/** The V8 flags the desktop app gives its renderer processes. */
export const RENDERER_JS_FLAGS = '--heap-growing-percent=25'

/** What is used of Electron's `app.commandLine`. */
export interface CommandLine {
  appendSwitch(name: string, value?: string): void
  getSwitchValue(name: string): string
}

/**
 * Adds {@link RENDERER_JS_FLAGS} to the `js-flags` switch, keeping flags already given (a
 * developer's `--js-flags=…` on the command line). Call before the app is ready.
 */
export function applyRendererJsFlags(commandLine: CommandLine): void {
  const given = commandLine.getSwitchValue('js-flags').trim()
  commandLine.appendSwitch('js-flags', given ? `${given} ${RENDERER_JS_FLAGS}` : RENDERER_JS_FLAGS)
}
