/**
 * Business identifiers shaped like the real ones (ROR-FHIR-NOTES §3.2): FINESS (9 characters,
 * département-prefixed, Luhn key), SIREN (9 digits, Luhn), SIRET (SIREN + NIC, Luhn over 14
 * digits), RPPS (11 digits), idNatStruct (type digit + number). Serials go through a
 * bijective scramble so numbers look spread out while staying unique.
 */

/** Luhn check digit of a digit string (non-digits count as 0). */
export function luhnKey(digits: string): number {
  let sum = 0
  for (let i = 0; i < digits.length; i += 1) {
    const d = Number(digits[digits.length - 1 - i]) || 0
    // The key will be appended, so the rightmost payload digit is in a doubled position.
    const v = i % 2 === 0 ? d * 2 : d
    sum += v > 9 ? v - 9 : v
  }
  return (10 - (sum % 10)) % 10
}

/** True when the whole string passes the Luhn check. */
export function isLuhnValid(digits: string): boolean {
  return luhnKey(digits.slice(0, -1)) === Number(digits.slice(-1))
}

/** Bijection of [0, modulus) (multiplier coprime with modulus). */
function scramble(n: number, modulus: number, multiplier: number, offset: number): number {
  return ((((n % modulus) * multiplier + offset) % modulus) + modulus) % modulus
}

/** FINESS number: département prefix, serial, Luhn key. DOM use `970` + last digit. */
export function finess(departement: string, serial: number): string {
  const isDom = departement.length === 3
  const prefix = isDom ? `970${departement.slice(2)}` : departement
  const width = 8 - prefix.length
  const modulus = 10 ** width
  const body = String(scramble(serial, modulus, 7919, 4711)).padStart(width, '0')
  const payload = prefix + body
  return payload + String(luhnKey(payload.replace(/[AB]/g, '0')))
}

/** SIREN of a legal entity (9 digits, first digit non-zero). */
export function siren(serial: number): string {
  const base = String(10_000_000 + scramble(serial, 90_000_000, 48_271, 1_234_567))
  return base + String(luhnKey(base))
}

/** SIRET: SIREN + 4-digit establishment ordinal + key making the 14 digits Luhn-valid. */
export function siret(sirenValue: string, ordinal: number): string {
  const payload = sirenValue + String((ordinal % 9999) + 1).padStart(4, '0')
  return payload + String(luhnKey(payload))
}

/** RPPS number (11 digits starting with 10, Luhn key). */
export function rpps(serial: number): string {
  const base = '10' + String(scramble(serial, 100_000_000, 69_621, 31_337)).padStart(8, '0')
  return base + String(luhnKey(base))
}
