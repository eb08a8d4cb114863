/**
 * French text folding shared by the commune gazetteer and the search engine (offer and
 * structure names): two strings that a French reader would consider "the same words" fold
 * to the same string, whatever the case, accents, ligatures, hyphens or apostrophes.
 */

/** Ligatures that NFD does not decompose (œ in « Œuvre », æ in « Lætitia »). */
const LIGATURES: Readonly<Record<string, string>> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  đ: 'd',
  ł: 'l',
}

/**
 * Abbreviations normalised to their full word, so « St-Étienne », « st etienne » and
 * « Saint-Étienne » meet. Only whole tokens are rewritten: « stains » stays « stains ».
 */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  st: 'saint',
  ste: 'sainte',
  sts: 'saints',
  stes: 'saintes',
}

const COMBINING_MARKS = /\p{M}+/gu
const LIGATURE_CHARS = /[œæßøđł]/g
const NOT_ALPHANUMERIC = /[^a-z0-9]+/g
/** Whole tokens only: after foldChars the text is [a-z0-9] words separated by one space. */
const ABBREVIATION_TOKENS = /\b(?:st|ste|sts|stes)\b/g

/**
 * Folds only case, diacritics, ligatures and punctuation (no abbreviation rewriting).
 * Useful when the caller must know whether the raw input said « st » or « saint ».
 */
export function foldChars(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(LIGATURE_CHARS, (c) => LIGATURES[c] ?? c)
    .replace(NOT_ALPHANUMERIC, ' ')
    .trim()
}

/**
 * Folds French text for matching: lowercase, diacritics removed (NFD), œ→oe and æ→ae,
 * every run of punctuation, hyphens, apostrophes and spaces turned into one space,
 * and the abbreviations St/Ste/Sts/Stes expanded to Saint/Sainte/Saints/Saintes.
 *
 * @example foldText("L'Haÿ-les-Roses") === 'l hay les roses'
 * @example foldText('St-Étienne') === 'saint etienne'
 */
export function foldText(s: string): string {
  return foldChars(s).replace(ABBREVIATION_TOKENS, (t) => ABBREVIATIONS[t] ?? t)
}

/**
 * Splits text into folded tokens (see {@link foldText}); never returns empty tokens.
 *
 * @example tokenize('Sainte-Foy-lès-Lyon') → ['sainte', 'foy', 'les', 'lyon']
 */
export function tokenize(s: string): string[] {
  const folded = foldText(s)
  return folded === '' ? [] : folded.split(' ')
}

/**
 * True when `token` is one of the abbreviations that {@link tokenize} expands (st, ste, …).
 * A search box uses it to also try the literal token while the user is still typing
 * (« st » may be the start of « Strasbourg »).
 */
export function isExpandedAbbreviation(token: string): boolean {
  return Object.hasOwn(ABBREVIATIONS, token)
}
