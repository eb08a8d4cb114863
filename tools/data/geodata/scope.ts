/**
 * Which territories the bundled geodata covers: metropolitan France, the five DROM, and the
 * three COM whose health offer falls under an ARS (Saint-Pierre-et-Miquelon,
 * Saint-Barthélemy, Saint-Martin). The Pacific COM (Wallis-et-Futuna, Polynésie,
 * Nouvelle-Calédonie) have their own health systems outside the ROR; the TAAF and Clipperton
 * have no permanent population (and no postal code or GeoNames place to give them a point).
 */
const OVERSEAS_KEPT = new Set(['971', '972', '973', '974', '975', '976', '977', '978'])

/** True for a département (or COM) code whose communes go into `data/geo/`. */
export function isKeptDepartement(code: string): boolean {
  return /^(?:\d{2}|2[AB])$/.test(code) || OVERSEAS_KEPT.has(code)
}
