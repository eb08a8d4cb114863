import { describe, expect, it } from 'vitest'
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  isAcceptableServerUrl,
  isInternalUrl,
  isTrustedExternalUrl,
  parseTrustedExternalUrl,
} from './url-trust'

describe('isTrustedExternalUrl', () => {
  const trusted: [string, string][] = [
    ['registrable domain', 'https://esante.gouv.fr/'],
    ['subdomain', 'https://interop.esante.gouv.fr/ig/fhir/ror/'],
    ['deep subdomain', 'https://mos.esante.gouv.fr/NOS/TRE_R30-RegionOM/FHIR/TRE-R30-RegionOM'],
    ['GitHub Pages of ANS', 'https://ansforge.github.io/ROR-fhir-documentation/'],
    ['GitHub repository', 'https://github.com/ansforge/IG-fhir-repertoire-offre-ressources'],
    ['GeoNames', 'https://www.geonames.org/about.html'],
    ['Natural Earth', 'https://www.naturalearthdata.com/about/terms-of-use/'],
    ['uppercase scheme and host', 'HTTPS://ESANTE.GOUV.FR/Page'],
    ['explicit default port', 'https://esante.gouv.fr:443/'],
    ['query and hash', 'https://esante.gouv.fr/?q=ror#section'],
  ]
  it.each(trusted)('accepts %s: %s', (_label, url) => {
    expect(isTrustedExternalUrl(url)).toBe(true)
  })

  const refused: [string, string][] = [
    ['allowed host as a prefix of another domain', 'https://esante.gouv.fr.evil.com/'],
    ['allowed host in the path', 'https://evil.com/esante.gouv.fr'],
    ['allowed host in the query', 'https://evil.com/?next=https://esante.gouv.fr'],
    ['user info before an untrusted host', 'https://user@evil.com/'],
    ['allowed host as user info', 'https://esante.gouv.fr@evil.com/'],
    ['credentials before a trusted host', 'https://user:pass@esante.gouv.fr/'],
    ['suffix without a dot boundary', 'https://notesante.gouv.fr/'],
    ['parent of an allowed host', 'https://github.io/'],
    ['sibling of an allowed GitHub Pages site', 'https://evil.github.io/'],
    ['javascript: scheme', 'javascript:alert(1)'],
    ['javascript: with trusted-looking text', 'javascript://esante.gouv.fr/%0aalert(1)'],
    ['data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['file: URL', 'file:///etc/passwd'],
    ['http downgrade', 'http://esante.gouv.fr/'],
    ['ftp', 'ftp://esante.gouv.fr/'],
    ['Cyrillic е lookalike (IDN)', 'https://еsante.gouv.fr/'],
    ['punycode lookalike', 'https://xn--sante-ywe.gouv.fr/'],
    ['Cyrillic lookalike of github.com', 'https://githuЬ.com/'],
    ['trailing dot', 'https://esante.gouv.fr./'],
    ['non-default port', 'https://esante.gouv.fr:8443/'],
    ['backslash authority trick', 'https://evil.com\\@esante.gouv.fr'],
    ['backslashes instead of slashes', 'https:\\\\esante.gouv.fr\\'],
    ['leading whitespace', ' https://esante.gouv.fr/'],
    ['embedded tab', 'https://esante.gouv\t.fr/'],
    ['embedded newline', 'https://esante.gouv.fr\n.evil.com/'],
    ['IPv4 address', 'https://93.184.216.34/'],
    ['app origin', `${APP_ORIGIN}/index.html`],
    ['relative URL', '/index.html'],
    ['empty string', ''],
    ['not a URL', 'esante.gouv.fr'],
  ]
  it.each(refused)('refuses %s: %s', (_label, url) => {
    expect(isTrustedExternalUrl(url)).toBe(false)
  })

  it('returns the normalised URL that callers must open', () => {
    expect(parseTrustedExternalUrl('HTTPS://Esante.Gouv.FR:443/a/../b')?.href).toBe(
      'https://esante.gouv.fr/b',
    )
  })
})

describe('isInternalUrl', () => {
  const dev = 'http://127.0.0.1:5173'
  const cases: [string, string, string | undefined, boolean][] = [
    ['entry page', APP_ENTRY_URL, undefined, true],
    ['origin with no path', APP_ORIGIN, undefined, true],
    ['nested asset with query and hash', `${APP_ORIGIN}/assets/a.js?v=1#x`, undefined, true],
    ['another host on the app scheme', 'app://evil/index.html', undefined, false],
    ['app host as a prefix', 'app://ror-hors-ligne.evil/index.html', undefined, false],
    ['credentials on the app scheme', 'app://x@ror-hors-ligne/index.html', undefined, false],
    ['port on the app scheme', 'app://ror-hors-ligne:80/index.html', undefined, false],
    ['file URL', 'file:///index.html', undefined, false],
    ['https site', 'https://esante.gouv.fr/', undefined, false],
    ['dev origin without a dev origin configured', `${dev}/`, undefined, false],
    ['dev origin', `${dev}/index.html?x=1`, dev, true],
    ['dev origin, other port', 'http://127.0.0.1:5174/', dev, false],
    ['dev origin, localhost instead of 127.0.0.1', 'http://localhost:5173/', dev, false],
    ['dev origin, https instead of http', 'https://127.0.0.1:5173/', dev, false],
    ['dev origin given as a file URL', 'file:///x', 'file:///x', false],
    ['garbage dev origin', 'http://127.0.0.1:5173/', 'not a url', false],
    ['javascript URL', 'javascript:alert(1)', dev, false],
    ['backslash trick', 'app://ror-hors-ligne\\@evil/', undefined, false],
  ]
  it.each(cases)('%s: %s (dev origin %s) → %s', (_label, url, devOrigin, expected) => {
    expect(isInternalUrl(url, devOrigin)).toBe(expected)
  })
})

describe('isAcceptableServerUrl', () => {
  const cases: [string, boolean][] = [
    ['https://api-fhir.ror.esante.gouv.fr/ws-diffusion-fhir', true],
    [
      'https://bas-auth-api.qualif.ror.esante.gouv.fr/auth/realms/ror/protocol/openid-connect/token',
      true,
    ],
    ['http://127.0.0.1:8090/fhir', true],
    ['http://localhost:8090/auth/token', true],
    ['http://[::1]:8090/fhir', true],
    ['http://api-fhir.ror.esante.gouv.fr/ws-diffusion-fhir', false],
    ['http://192.168.1.10:8090/fhir', false],
    ['http://127.0.0.1.evil.com/fhir', false],
    ['https://user:secret@api-fhir.ror.esante.gouv.fr/', false],
    ['https://api-fhir.ror.esante.gouv.fr/#frag', false],
    ['https://api-fhir.ror.esante.gouv.fr./', false],
    ['file:///etc/passwd', false],
    ['ftp://127.0.0.1/', false],
    ['', false],
  ]
  it.each(cases)('%s → %s', (url, expected) => {
    expect(isAcceptableServerUrl(url)).toBe(expected)
  })
})
