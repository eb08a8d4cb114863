/**
 * Reverse references in compressed sparse row form (target → sources), for _revinclude-style
 * lookups: offer → practitioner roles, place → offers, practitioner → roles.
 */
export class ReverseIndex {
  private readonly start: Int32Array
  private readonly items: Int32Array
  /** References added after the build (new rows from mutations), by target. */
  private readonly added = new Map<number, number[]>()
  private readonly targets: number

  /**
   * @param targets number of target rows
   * @param sources number of source rows
   * @param targetsOf the target indices a source row points to (-1 ignored)
   */
  constructor(targets: number, sources: number, targetsOf: (source: number) => readonly number[]) {
    this.targets = targets
    const counts = new Int32Array(targets + 1)
    for (let s = 0; s < sources; s += 1) {
      for (const t of targetsOf(s))
        if (t >= 0 && t < targets) counts[t + 1] = (counts[t + 1] ?? 0) + 1
    }
    for (let t = 0; t < targets; t += 1) counts[t + 1] = (counts[t + 1] ?? 0) + (counts[t] ?? 0)
    this.start = counts
    this.items = new Int32Array(counts[targets] ?? 0)
    const fill = counts.slice(0, targets)
    for (let s = 0; s < sources; s += 1) {
      for (const t of targetsOf(s)) {
        if (t < 0 || t >= targets) continue
        const at = fill[t] ?? 0
        this.items[at] = s
        fill[t] = at + 1
      }
    }
  }

  /** Records a reference created after the build (cheaper than rebuilding). */
  add(target: number, source: number): void {
    if (target < 0) return
    const list = this.added.get(target)
    if (list) list.push(source)
    else this.added.set(target, [source])
  }

  /** Source rows pointing to `target`, in increasing order. */
  sourcesOf(target: number): readonly number[] {
    const built =
      target < this.targets
        ? this.items.subarray(this.start[target] ?? 0, this.start[target + 1] ?? 0)
        : new Int32Array(0)
    const extra = this.added.get(target)
    return extra ? [...built, ...extra] : Array.from(built)
  }
}
