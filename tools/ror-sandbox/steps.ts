/**
 * Long index builds written once as generators that pause (`yield`) every slice of work, then
 * run either at once (a query needs the index now) or in slices between requests (warm-up after
 * start), so that preparing an index never holds the event loop for long.
 */
import { yieldToLoop } from './http-util'

/** Runs the build to its end without pausing. */
export function runNow<T>(steps: Generator<void, T>): T {
  let step = steps.next()
  while (!step.done) step = steps.next()
  return step.value
}

/** Runs the build, yielding to the event loop at each pause; undefined when stopped. */
export async function runSliced<T>(
  steps: Generator<void, T>,
  stop: () => boolean,
): Promise<T | undefined> {
  let step = steps.next()
  while (!step.done) {
    await yieldToLoop()
    if (stop()) return undefined
    step = steps.next()
  }
  return step.value
}
