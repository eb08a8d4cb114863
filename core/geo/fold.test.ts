import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { foldChars, foldText, isExpandedAbbreviation, tokenize } from './fold'

describe('foldText', () => {
  it.each([
    ['Saint-Étienne', 'saint etienne'],
    ['St-Étienne', 'saint etienne'],
    ['ST ETIENNE', 'saint etienne'],
    ['Ste-Foy-lès-Lyon', 'sainte foy les lyon'],
    ['Stes-Maries-de-la-Mer', 'saintes maries de la mer'],
    ["L'Haÿ-les-Roses", 'l hay les roses'],
    ['L’Île-d’Yeu', 'l ile d yeu'],
    ['Œuvre de Lætitia', 'oeuvre de laetitia'],
    ['  CMP   enfants — « ados » ', 'cmp enfants ados'],
    ['Hôpital Saint-Joseph (site n°2)', 'hopital saint joseph site n 2'],
    ['Stains', 'stains'],
    ['Strasbourg st', 'strasbourg saint'],
    ['Çà et là', 'ca et la'],
  ])('folds %j to %j', (input, expected) => {
    expect(foldText(input)).toBe(expected)
  })

  it('returns an empty string for empty or punctuation-only text', () => {
    expect(foldText('')).toBe('')
    expect(foldText(" -–'’ . ")).toBe('')
  })

  it('only produces lowercase ASCII words separated by single spaces (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        expect(foldText(s)).toMatch(/^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/)
      }),
    )
  })

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        expect(foldText(foldText(s))).toBe(foldText(s))
      }),
    )
  })

  it('does not depend on the Unicode normal form of the input (property)', () => {
    const accented = fc.constantFrom(...'éèêëàâäîïôöùûüçÉÈÀÇœÆ- ’abcst'.split(''))
    fc.assert(
      fc.property(fc.array(accented, { maxLength: 20 }), (chars) => {
        const s = chars.join('')
        expect(foldText(s.normalize('NFC'))).toBe(foldText(s.normalize('NFD')))
      }),
    )
  })
})

describe('tokenize and foldChars', () => {
  it('splits folded text into tokens, abbreviations expanded', () => {
    expect(tokenize('St-Jean-de-Luz')).toEqual(['saint', 'jean', 'de', 'luz'])
    expect(tokenize('  ')).toEqual([])
  })

  it('foldChars keeps abbreviations as typed', () => {
    expect(foldChars('St-Étienne')).toBe('st etienne')
    expect(isExpandedAbbreviation('st')).toBe(true)
    expect(isExpandedAbbreviation('ste')).toBe(true)
    expect(isExpandedAbbreviation('saint')).toBe(false)
    expect(isExpandedAbbreviation('constructor')).toBe(false)
  })
})
