/**
 * The offline commune gazetteer: looks communes up by INSEE code and finds them by name or
 * postal code as the user types, from the bundled `data/geo/communes.json`. It gives a search
 * origin its coordinates (issue « Distance »: « a commune by INSEE code, or a commune found by
 * name or postal code through an offline gazetteer ») and offers their commune fallback.
 */
import type { CommunesFile, CoordSource } from './communes-file'
import { parseCommunesFile } from './communes-file'
import { foldChars, foldText, isExpandedAbbreviation, tokenize } from './fold'
import type { PrefixHit, PrefixKey } from './prefix-index'
import { PrefixIndex } from './prefix-index'

/** `commune`: COG commune actuelle; `arrondissement`: arrondissement municipal (Paris, Lyon, Marseille). */
export type CommuneKind = 'commune' | 'arrondissement' | 'deleguee' | 'associee'

export interface Commune {
  code: string
  name: string
  postalCodes: readonly string[]
  departement: string
  region: string
  lat: number
  lon: number
  /** Legal population (INSEE), 0 when unknown (always 0 for déléguées / associées). */
  population: number
  /** How good `lat`/`lon` are; see {@link CoordSource}. */
  coordSource: CoordSource
  kind: CommuneKind
  /** The commune an arrondissement, a commune déléguée or associée belongs to. */
  parentCode?: string
}

export interface Centroid {
  lat: number
  lon: number
  coordSource: CoordSource
}

/** Words not worth a secondary key: « lyon » should find Sainte-Foy-lès-Lyon, « les » should not. */
const STOP_WORDS = new Set([
  'l',
  'le',
  'la',
  'les',
  'd',
  'de',
  'du',
  'des',
  'en',
  'et',
  'sur',
  'sous',
  'a',
  'au',
  'aux',
])

/** Arrondissements municipaux and their city, by INSEE code range. */
const ARRONDISSEMENT_PARENTS: readonly [RegExp, string][] = [
  [/^751(?:0[1-9]|1\d|20)$/, '75056'],
  [/^132(?:0[1-9]|1[0-6])$/, '13055'],
  [/^6938[1-9]$/, '69123'],
]

function toCommunes(file: CommunesFile): Commune[] {
  const list: Commune[] = file.rows.map(
    ([code, name, postalCodes, dep, region, lat, lon, pop, src]) => {
      const parent = ARRONDISSEMENT_PARENTS.find(([re]) => re.test(code))?.[1]
      const base = {
        code,
        name,
        postalCodes,
        departement: dep,
        region,
        lat,
        lon,
        population: pop,
        coordSource: src,
      }
      return parent
        ? { ...base, kind: 'arrondissement', parentCode: parent }
        : { ...base, kind: 'commune' }
    },
  )
  for (const [code, name, postalCodes, dep, region, lat, lon, pop, src, parent, kind] of file
    .secondary.rows) {
    list.push({
      code,
      name,
      postalCodes,
      departement: dep,
      region,
      lat,
      lon,
      population: pop,
      coordSource: src,
      kind,
      parentCode: parent,
    })
  }
  return list
}

interface SearchIndex {
  names: PrefixIndex
  postal: PrefixIndex
  /** Static rank of each commune (see {@link staticRanks}). */
  ranks: Int32Array
}

const isSecondary = (c: Commune) => c.kind === 'deleguee' || c.kind === 'associee'

/** Static order used to break ties: current communes first, then population, then name. */
function staticRanks(communes: readonly Commune[], folded: readonly string[]): Int32Array {
  const order = communes.map((_, i) => i)
  order.sort((a, b) => {
    const ca = communes[a]!
    const cb = communes[b]!
    const fa = folded[a]!
    const fb = folded[b]!
    return (
      Number(isSecondary(ca)) - Number(isSecondary(cb)) ||
      cb.population - ca.population ||
      (fa < fb ? -1 : fa > fb ? 1 : 0) ||
      (ca.code < cb.code ? -1 : 1)
    )
  })
  const rank = new Int32Array(communes.length)
  order.forEach((item, r) => (rank[item] = r))
  return rank
}

function nameKeys(folded: readonly string[]): PrefixKey[] {
  const keys: PrefixKey[] = []
  folded.forEach((name, item) => {
    keys.push({ key: name, item, tier: 0 })
    const words = name.split(' ')
    for (let i = 1; i < words.length; i++) {
      if (!STOP_WORDS.has(words[i]!)) keys.push({ key: words.slice(i).join(' '), item, tier: 1 })
    }
  })
  return keys
}

/**
 * Offline commune lookup and autocomplete.
 *
 * Built once from the parsed `communes.json` (about 37k communes; indexes are built in the
 * constructor so each {@link Gazetteer.search} is a binary search plus a short scan).
 */
export class Gazetteer {
  private readonly communes: Commune[]
  private readonly byInsee = new Map<string, Commune>()
  private readonly secondaryByInsee = new Map<string, Commune>()
  private readonly formerCodes: Readonly<Record<string, string>>
  private searchIndex: SearchIndex | undefined

  /** @param file - the parsed JSON of `data/geo/communes.json` (checked here). */
  constructor(file: unknown) {
    const data = parseCommunesFile(file)
    this.communes = toCommunes(data)
    this.formerCodes = data.formerCodes
    for (const c of this.communes) {
      const map = isSecondary(c) ? this.secondaryByInsee : this.byInsee
      if (!map.has(c.code)) map.set(c.code, c)
    }
  }

  /**
   * The text and postal indexes, built on first use (a few hundred ms on a slow machine), so
   * code-only users such as the CLI's `--commune` never pay for them.
   */
  private get index(): SearchIndex {
    if (!this.searchIndex) {
      const folded = this.communes.map((c) => foldText(c.name))
      const ranks = staticRanks(this.communes, folded)
      const postalKeys = this.communes.flatMap((c, item) =>
        c.postalCodes.map((key): PrefixKey => ({ key, item, tier: 0 })),
      )
      this.searchIndex = {
        ranks,
        names: new PrefixIndex(nameKeys(folded), ranks),
        postal: new PrefixIndex(postalKeys, ranks),
      }
    }
    return this.searchIndex
  }

  /**
   * Builds the search indexes now rather than on the first {@link search} (call it from a
   * worker or an idle callback at start-up so the first keystroke answers at once).
   */
  prepareSearch(): void {
    void this.index
  }

  /** Number of searchable entries (communes, arrondissements, déléguées and associées). */
  get size(): number {
    return this.communes.length
  }

  /** The current commune or arrondissement municipal with this INSEE code. */
  byCode(insee: string): Commune | undefined {
    return this.byInsee.get(insee)
  }

  /**
   * Like {@link byCode}, but also accepts the code of a commune déléguée or associée (its own
   * entry) and a former code (the commune that absorbed it), as older records may carry.
   */
  resolve(insee: string): Commune | undefined {
    const former = this.formerCodes[insee]
    return (
      this.byInsee.get(insee) ??
      this.secondaryByInsee.get(insee) ??
      (former === undefined ? undefined : this.byInsee.get(former))
    )
  }

  /** Point standing for the commune (see {@link resolve}) and how good it is. */
  centroid(insee: string): Centroid | undefined {
    const c = this.resolve(insee)
    return c && { lat: c.lat, lon: c.lon, coordSource: c.coordSource }
  }

  /**
   * Département code (« 01 »…« 95 », « 2A », « 2B », « 971 »…) of a commune code. Unknown
   * codes that are well formed still get the département their code encodes.
   */
  departementOf(insee: string): string | undefined {
    const known = this.resolve(insee)
    if (known) return known.departement
    if (/^97\d{3}$/.test(insee)) return insee.slice(0, 3)
    if (/^(?:\d{2}|2[AB])\d{3}$/.test(insee) && !insee.startsWith('20')) return insee.slice(0, 2)
    return undefined
  }

  /**
   * Autocomplete: communes whose name starts with the query (case, accents, hyphens,
   * apostrophes and St/Ste/Saint/Sainte ignored), or whose name has a word starting with it
   * (« rochelle » → La Rochelle), or, for digits, whose postal code starts with them.
   * Ranked: exact name, name prefix, exact word, word prefix; then current communes before
   * déléguées, larger population first. A trailing number also filters by postal code or
   * département (« saint denis 93 »).
   */
  search(query: string, limit = 10): Commune[] {
    const words = foldChars(query)
      .split(' ')
      .filter((w) => w !== '')
    if (words.length === 0 || limit <= 0) return []
    if (words.every((w) => /^\d+$/.test(w))) {
      return this.index.postal.search(words.join(''), limit).map((h) => this.communes[h.item]!)
    }
    const hits = this.nameHits(query, words, limit)
    const last = words[words.length - 1]!
    if (words.length > 1 && /^\d{2,5}$/.test(last)) {
      const text = words.slice(0, -1).join(' ')
      const filtered = this.nameHits(text, words.slice(0, -1), 50 * limit).filter((h) => {
        const c = this.communes[h.item]!
        return c.departement === last || c.postalCodes.some((p) => p.startsWith(last))
      })
      hits.push(...filtered)
    }
    return mergeHits(hits, this.index.ranks, limit).map((h) => this.communes[h.item]!)
  }

  private nameHits(query: string, rawWords: readonly string[], limit: number): PrefixHit[] {
    const hits = this.index.names.search(foldText(query), limit)
    // « st » may be an abbreviation of Saint or the start of Strasbourg while the user types.
    const last = rawWords[rawWords.length - 1]!
    if (isExpandedAbbreviation(last) && !/[\s\-'’]$/.test(query)) {
      const literal = [...tokenize(rawWords.slice(0, -1).join(' ')), last].join(' ')
      hits.push(...this.index.names.search(literal, limit))
    }
    return hits
  }
}

/** Best hit per item, ordered as the prefix index orders them (match class, then rank). */
function mergeHits(hits: readonly PrefixHit[], ranks: Int32Array, limit: number): PrefixHit[] {
  const best = new Map<number, PrefixHit>()
  for (const h of hits) {
    const prev = best.get(h.item)
    if (!prev || h.matchClass < prev.matchClass) best.set(h.item, h)
  }
  return [...best.values()]
    .sort((a, b) => a.matchClass - b.matchClass || ranks[a.item]! - ranks[b.item]!)
    .slice(0, limit)
}
