import { describe, expect, it } from 'vitest'
import { describeOpeningHours, formatDays, formatTime } from './opening-hours'

describe('opening hours in plain French', () => {
  it('formats times', () => {
    expect(formatTime('09:00:00')).toBe('9 h')
    expect(formatTime('17:30')).toBe('17 h 30')
  })

  it('groups consecutive days', () => {
    expect(formatDays([1, 2, 3, 4, 5])).toBe('du lundi au vendredi')
    expect(formatDays([1, 3, 6])).toBe('lundi, mercredi et samedi')
    expect(formatDays([1, 2, 3, 4, 5, 6, 7])).toBe('tous les jours')
    expect(formatDays([6, 7])).toBe('samedi, dimanche')
    expect(formatDays([1, 2, 3, 5])).toBe('du lundi au mercredi et vendredi')
  })

  it('merges identical spans and treats 00:00–23:59 as 24 h sur 24 (IG example)', () => {
    const days = [1, 2, 3, 4, 5, 6, 7].map((d) => ({
      days: [d],
      start: '00:00:00',
      end: '23:59:00',
      kind: '01',
    }))
    expect(describeOpeningHours(days)).toEqual([
      { kind: 'Horaires d’ouverture', lines: ['Tous les jours 24 h sur 24'] },
    ])
  })

  it('keeps kinds apart (consultation with / without appointment)', () => {
    const result = describeOpeningHours([
      { days: [1, 2, 3, 4, 5], start: '09:00', end: '12:00', kind: '06' },
      { days: [1, 2, 3, 4, 5], start: '14:00', end: '18:30', kind: '07' },
      { days: [6], start: '09:00', end: '12:00', kind: '07' },
    ])
    expect(result).toEqual([
      { kind: 'Consultation sans rendez-vous', lines: ['Du lundi au vendredi de 9 h à 12 h'] },
      {
        kind: 'Consultation sur rendez-vous',
        lines: ['Du lundi au vendredi de 14 h à 18 h 30', 'Samedi de 9 h à 12 h'],
      },
    ])
  })
})
