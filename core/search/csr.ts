/**
 * Compressed sparse rows: a list of integer lists stored as two typed arrays (`offsets` of
 * length rows + 1 and `values`). The search index keeps every one-to-many relation this way
 * (offer → activities, activity → offers, offer → tokens, …) so 400,000 offers cost a few
 * contiguous buffers instead of millions of small JS arrays, and the whole index can be
 * transferred or persisted as typed arrays.
 */

export interface Csr {
  /** `offsets[r]`…`offsets[r + 1]` delimit row `r` in `values`. */
  readonly offsets: Uint32Array
  readonly values: Uint32Array
}

/** Number of rows of a {@link Csr}. */
export function csrRows(csr: Csr): number {
  return csr.offsets.length - 1
}

/** Builds a {@link Csr} from one list per row (values copied as given). */
export function csrFromLists(lists: readonly (ArrayLike<number> | undefined)[]): Csr {
  const offsets = new Uint32Array(lists.length + 1)
  let total = 0
  for (let r = 0; r < lists.length; r++) {
    total += lists[r]?.length ?? 0
    offsets[r + 1] = total
  }
  const values = new Uint32Array(total)
  for (let r = 0; r < lists.length; r++) {
    const list = lists[r]
    if (list) values.set(list, offsets[r] ?? 0)
  }
  return { offsets, values }
}

/**
 * Transposes a {@link Csr}: row r of the result lists, in ascending order, the source rows
 * that contain r. Counting sort, O(rows + values).
 *
 * @param targetRows - number of rows of the result (1 + the largest value)
 */
export function csrTranspose(csr: Csr, targetRows: number): Csr {
  const offsets = new Uint32Array(targetRows + 1)
  const { values } = csr
  for (let k = 0; k < values.length; k++) {
    const v = values[k] ?? 0
    offsets[v + 1] = (offsets[v + 1] ?? 0) + 1
  }
  for (let r = 0; r < targetRows; r++) offsets[r + 1] = (offsets[r + 1] ?? 0) + (offsets[r] ?? 0)
  const cursor = offsets.slice(0, targetRows)
  const out = new Uint32Array(values.length)
  const rows = csr.offsets.length - 1
  for (let r = 0; r < rows; r++) {
    const end = csr.offsets[r + 1] ?? 0
    for (let k = csr.offsets[r] ?? 0; k < end; k++) {
      const v = values[k] ?? 0
      const at = cursor[v] ?? 0
      out[at] = r
      cursor[v] = at + 1
    }
  }
  return { offsets, values: out }
}

/**
 * Interns strings to dense ids (0, 1, 2…) in first-seen order. Used for every coded column
 * (activity codes, départements…) so columns hold small integers, not strings.
 */
export class Dictionary {
  readonly values: string[] = []
  private readonly ids = new Map<string, number>()

  /** The id of `value`, adding it when new. */
  intern(value: string): number {
    let id = this.ids.get(value)
    if (id === undefined) {
      id = this.values.length
      this.values.push(value)
      this.ids.set(value, id)
    }
    return id
  }

  /** The id of `value`, or undefined when it was never interned. */
  get(value: string): number | undefined {
    return this.ids.get(value)
  }

  get size(): number {
    return this.values.length
  }
}

/** Grows a typed array to hold at least `need` items (doubling). */
function grown(a: Uint32Array, need: number): Uint32Array {
  if (need <= a.length) return a
  const b = new Uint32Array(Math.max(need, a.length * 2))
  b.set(a)
  return b
}

/** Builds a {@link Csr} row by row without one JS array per row. */
export class CsrBuilder {
  private values: Uint32Array = new Uint32Array(1024)
  private offsets: Uint32Array = new Uint32Array(1024)
  private used = 0
  private rows = 0

  /** Appends a value to the current row. */
  push(value: number): void {
    this.values = grown(this.values, this.used + 1)
    this.values[this.used++] = value
  }

  /** Closes the current row (possibly empty). */
  endRow(): void {
    this.offsets = grown(this.offsets, this.rows + 2)
    this.offsets[++this.rows] = this.used
  }

  finish(): Csr {
    return {
      offsets: this.offsets.slice(0, this.rows + 1),
      values: this.values.slice(0, this.used),
    }
  }
}

/** Sorts a small list of ids and removes duplicates, in place; returns the new length. */
export function sortUnique(list: number[]): number {
  if (list.length < 2) return list.length
  list.sort((a, b) => a - b)
  let w = 1
  for (let r = 1; r < list.length; r++) {
    const v = list[r] ?? 0
    if (v !== list[w - 1]) list[w++] = v
  }
  list.length = w
  return w
}
