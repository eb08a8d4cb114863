import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, SERVER_PRESETS, type Settings } from '../../../../core/ipc/contract'
import {
  certificateFormat,
  credentialsText,
  formFromSettings,
  protectionWarning,
  purgeConfirmation,
  settingsFromForm,
  SERVER_CHOICES,
  withServer,
} from './settings-form'

const saved: Settings = {
  server: { kind: 'local-sandbox', ...SERVER_PRESETS['local-sandbox'], clientId: 'profil-2' },
  accessProfile: 2,
  region: '24',
  rorHeaders: {
    profilCode: 'CU20',
    profilSystem: '1.2.3',
    roleCode: 'AUTOMATE',
    roleSystem: '1.2.4',
  },
  schedule: { daily: { enabled: true, at: '02:30' }, onStartWhenOlderThanHours: 72 },
}

describe('settings form', () => {
  it('round-trips saved settings, showing whole days in days', () => {
    const form = formFromSettings(saved)
    expect(form).toMatchObject({
      startEnabled: true,
      startAge: '3',
      startUnit: 'days',
      region: '24',
    })
    expect(settingsFromForm(form)).toEqual({ ok: true, settings: saved })
    const firstRun = formFromSettings(DEFAULT_SETTINGS)
    expect(firstRun).toMatchObject({ startEnabled: false, startUnit: 'hours' })
    expect(settingsFromForm(firstRun)).toEqual({ ok: true, settings: DEFAULT_SETTINGS })
  })

  it('uses the same endpoints as the contract’s presets', () => {
    for (const kind of ['ror-production', 'ror-sandbox', 'local-sandbox'] as const) {
      const form = withServer(formFromSettings(DEFAULT_SETTINGS), kind)
      expect({ fhirBaseUrl: form.fhirBaseUrl, tokenUrl: form.tokenUrl }).toEqual(
        SERVER_PRESETS[kind],
      )
    }
    const custom = withServer(formFromSettings(saved), 'custom')
    expect(custom.fhirBaseUrl).toBe(saved.server.fhirBaseUrl)
    expect(SERVER_CHOICES.custom.label).toBe('Autre serveur')
  })

  it('names each field with a problem, in French', () => {
    const form = {
      ...formFromSettings(saved),
      fhirBaseUrl: 'http://ror.example.fr/fhir',
      dailyAt: '25:00',
      startAge: '40',
      headers: { profilCode: 'CU20', profilSystem: '', roleCode: '', roleSystem: '' },
    }
    const result = settingsFromForm(form)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems.map((p) => p.field)).toEqual([
      'fhirBaseUrl',
      'dailyAt',
      'startAge',
      'headers',
    ])
    expect(result.problems[0]?.message).toMatch(/https obligatoire/)
  })

  it('turns hours into hours and a disabled start-up sync into null', () => {
    const form = { ...formFromSettings(saved), startAge: '12', startUnit: 'hours' as const }
    const hours = settingsFromForm(form)
    expect(hours.ok && hours.settings.schedule.onStartWhenOlderThanHours).toBe(12)
    const off = settingsFromForm({ ...form, startEnabled: false })
    expect(off.ok && off.settings.schedule.onStartWhenOlderThanHours).toBeNull()
    const noHeaders = settingsFromForm({
      ...form,
      headers: { profilCode: ' ', profilSystem: '', roleCode: '', roleSystem: '' },
    })
    expect(noHeaders.ok && 'rorHeaders' in noHeaders.settings).toBe(false)
  })

  it('asks before a profile change that purges data', () => {
    expect(purgeConfirmation(2, 0)).toMatch(
      /^Les données que le profil 0 ne peut pas voir seront supprimées de cet ordinateur/,
    )
    expect(purgeConfirmation(1, 2)).not.toBeNull()
    expect(purgeConfirmation(0, 1)).toBeNull()
    expect(purgeConfirmation(2, 2)).toBeNull()
    expect(purgeConfirmation(null, 0)).toBeNull()
  })

  it('recognises certificate files and describes what is stored', () => {
    const pem = new TextEncoder().encode('\n-----BEGIN CERTIFICATE-----\nMII')
    expect(certificateFormat('client.pem', pem)).toBe('pem')
    expect(certificateFormat('client.P12', pem)).toBe('pkcs12')
    expect(certificateFormat('client.bin', new Uint8Array([0x30, 0x82]))).toBe('pkcs12')
    expect(certificateFormat('notes.txt', new TextEncoder().encode('hello'))).toBeNull()
    const status = {
      hasClientSecret: true,
      certificate: {
        format: 'pkcs12' as const,
        hasPassphrase: true,
        fileName: null,
        summary: null,
      },
      protection: 'weak' as const,
    }
    expect(credentialsText(status, 0)).toBe('Secret client enregistré.')
    expect(credentialsText(status, 3)).toBe('Certificat PKCS#12 enregistré, avec son mot de passe.')
    expect(credentialsText({ ...status, certificate: null }, 3)).toBe(
      'Aucun certificat enregistré.',
    )
    expect(protectionWarning(status)).toMatch(/seulement masqués/)
    expect(protectionWarning({ ...status, protection: 'os' })).toBeNull()
  })
})
