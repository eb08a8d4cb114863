/**
 * The filtering pass of the access policy (access-policy.ts): walks one resource and removes
 * the elements the profile may not see in the resource's scope (rules in access-rules.ts).
 */
import type { AccessProfile } from '../snapshot/records'
import type { Scope } from './access-rules'
import { allows, allowsLevel } from './access-rules'
import { RESTRICTED_SLICES, characteristicSlice } from './characteristic'
import {
  hsContactLevel,
  hsContactTelecomLevel,
  orgContactLevel,
  stricter,
  telecomLevel,
} from './confidentiality'
import type {
  ContactPoint,
  Element,
  Extension,
  HealthcareService,
  Location,
  Organization,
  Practitioner,
  PractitionerRole,
  Resource,
} from './fhir-types'
import { isRorResource } from './fhir-types'
import { isSensitiveOffer } from './map-healthcare-service'
import { EXT, SD } from './urls'

/** Builds an element path only when needed (a removal): most elements are kept. */
type LazyPath = () => string

/**
 * One filtering pass: holds the profile, the scope and the list of removed paths. A sync runs
 * it on every resource, most of which lose nothing: lists and resources are copied only when
 * something is removed, and paths are written only for what is removed.
 */
export class Filter {
  readonly removed: string[] = []
  constructor(
    private readonly profile: AccessProfile,
    private readonly scope: Scope,
    private readonly type: string,
  ) {}

  resource(r: Resource): Resource | null {
    if (!isRorResource(r)) return r
    switch (r.resourceType) {
      case 'HealthcareService':
        return this.healthcareService(r)
      case 'Organization':
        return this.organization(r)
      case 'Location':
        return this.location(r)
      case 'PractitionerRole':
        return this.practitionerRole(r)
      case 'Practitioner':
        return this.practitioner(r)
    }
  }

  private allows(element: Parameters<typeof allows>[0]): boolean {
    return allows(element, this.profile, this.scope)
  }

  private healthcareService(hs: HealthcareService): HealthcareService | null {
    // §4.1 point 3: a sensitive unit is hidden whole from every profile but 1.
    if (isSensitiveOffer(hs) && !this.allows('sensitiveOffer')) return null
    const extension = this.extensions(hs, 'HealthcareService', (ext, path) => {
      if (ext.url === EXT.sensitiveUnit) return this.allows('sensitiveFlag') ? ext : null
      if (ext.url === EXT.hsContact) return this.hsContact(ext, path)
      return ext
    })
    const telecom = this.telecoms(hs.telecom, 'HealthcareService.telecom')
    // §4.2: restricted characteristic slices.
    const characteristic = this.allows('restrictedCharacteristic')
      ? hs.characteristic
      : this.list(hs.characteristic, 'HealthcareService.characteristic', (cc) =>
          RESTRICTED_SLICES.has(characteristicSlice(cc)) ? null : cc,
        )
    if (
      extension === hs.extension &&
      telecom === hs.telecom &&
      characteristic === hs.characteristic
    ) {
      return cleaned(hs)
    }
    return clean({ ...hs, extension, telecom, characteristic })
  }

  private hsContact(contact: Extension, path: LazyPath): Extension | null {
    const level = hsContactLevel(contact)
    if (!allowsLevel(level, this.profile, this.scope)) return null
    // A telecom is never more visible than the contact block holding it.
    const extension = this.extensions(contact, path, (sub) =>
      sub.url !== EXT.hsContactTelecom ||
      allowsLevel(stricter(hsContactTelecomLevel(sub), level), this.profile, this.scope)
        ? sub
        : null,
    )
    return extension === contact.extension ? cleaned(contact) : clean({ ...contact, extension })
  }

  private organization(org: Organization): Organization {
    const extension = this.extensions(org, 'Organization', (ext) => {
      if (ext.url === EXT.dropZone) return this.allows('dropZone') ? ext : null
      if (ext.url === EXT.orsanLevel || ext.url === EXT.orsanLevelId) {
        return this.allows('orsanLevel') ? ext : null
      }
      return ext
    })
    const contact = this.list(org.contact, 'Organization.contact', (contact, path) => {
      const level = orgContactLevel(contact)
      if (!allowsLevel(level, this.profile, this.scope)) return null
      const telecom = this.telecoms(contact.telecom, () => `${path()}.telecom`, level)
      return telecom === contact.telecom ? cleaned(contact) : clean({ ...contact, telecom })
    })
    const telecom = this.telecoms(org.telecom, 'Organization.telecom')
    if (extension === org.extension && contact === org.contact && telecom === org.telecom) {
      return cleaned(org)
    }
    return clean({ ...org, extension, contact, telecom })
  }

  private location(loc: Location): Location {
    // §4.2 Location.telecom: a field rule on top of the confidentiality level.
    const telecom = this.allows('locationTelecom')
      ? this.telecoms(loc.telecom, 'Location.telecom')
      : this.list(loc.telecom, 'Location.telecom', () => null)
    const extension = this.allows('capacities')
      ? loc.extension
      : this.extensions(loc, 'Location', (ext) =>
          ext.url === EXT.supportedCapacity || ext.url === EXT.residentialCapacity ? null : ext,
        )
    if (telecom === loc.telecom && extension === loc.extension) return cleaned(loc)
    return clean({ ...loc, telecom, extension })
  }

  private practitionerRole(pr: PractitionerRole): PractitionerRole | null {
    if (!this.allows('practitionerRole')) return null
    const out: PractitionerRole = { ...pr }
    if (!this.allows('practitionerRolePersonalData')) {
      out.identifier = this.list(pr.identifier, 'PractitionerRole.identifier', () => null)
      if (pr.practitioner) this.removed.push('PractitionerRole.practitioner')
      delete out.practitioner
      out.extension = this.extensions(pr, 'PractitionerRole', (ext) =>
        ext.url === EXT.practitionerRoleName ? null : ext,
      )
    }
    out.telecom = this.telecoms(pr.telecom, 'PractitionerRole.telecom')
    if (
      out.telecom === pr.telecom &&
      out.identifier === pr.identifier &&
      out.extension === pr.extension &&
      out.practitioner === pr.practitioner
    ) {
      return cleaned(pr)
    }
    return clean(out)
  }

  private practitioner(p: Practitioner): Practitioner | null {
    if (!this.allows('practitioner')) return null
    const telecom = this.telecoms(p.telecom, 'Practitioner.telecom')
    return telecom === p.telecom ? cleaned(p) : clean({ ...p, telecom })
  }

  /** ContactPoints filtered by level (the stricter of their own and their holder's). */
  private telecoms(
    list: ContactPoint[] | undefined,
    path: string | LazyPath,
    holderLevel: '1' | '2' | '3' = '1',
  ): ContactPoint[] | undefined {
    return this.list(list, path, (cp) =>
      allowsLevel(stricter(telecomLevel(cp), holderLevel), this.profile, this.scope) ? cp : null,
    )
  }

  /**
   * Keeps the items `keep` returns (possibly rewritten); records the others as removed, at
   * `${path}[i]` (or `itemPath(i)`). The same array when every item is kept as it is.
   */
  private list<E>(
    items: E[] | undefined,
    path: string | LazyPath,
    keep: (item: E, path: LazyPath) => E | null,
    itemPath: (items: readonly E[], index: number) => string = (_, i) =>
      `${typeof path === 'string' ? path : path()}[${i}]`,
  ): E[] | undefined {
    if (!items) return undefined
    let out: E[] | undefined
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!
      const kept = keep(item, () => itemPath(items, i))
      if (kept === item && out === undefined) continue
      // The first change: copy what was kept so far.
      out ??= items.slice(0, i)
      if (kept === null) this.removed.push(itemPath(items, i))
      else out.push(kept)
    }
    return out ?? items
  }

  /** Like `list` on `holder.extension`, with paths written `extension:<slice>[n]`. */
  private extensions(
    holder: Element,
    path: string | LazyPath,
    keep: (ext: Extension, path: LazyPath) => Extension | null,
  ): Extension[] | undefined {
    return this.list(holder.extension, path, keep, (all, index) => {
      // n counts the earlier extensions of the same slice.
      const slice = sliceOf(all[index]!.url)
      let n = 0
      for (let i = 0; i < index; i++) if (sliceOf(all[i]!.url) === slice) n++
      return `${typeof path === 'string' ? path : path()}.extension:${slice}[${n}]`
    })
  }
}

function sliceOf(url: string): string {
  return url.startsWith(SD) ? url.slice(SD.length) : url
}

/** Drops the array properties a filter emptied or left undefined (FHIR forbids empty arrays). */
function clean<T extends object>(o: T): T {
  const rec = o as Record<string, unknown>
  for (const key of Object.keys(rec)) {
    const v = rec[key]
    if (v === undefined || (Array.isArray(v) && v.length === 0)) delete rec[key]
  }
  return o
}

/**
 * `o` itself when {@link clean} would leave it as it is (the usual case), else a cleaned copy:
 * the filter never mutates its input.
 */
function cleaned<T extends object>(o: T): T {
  const rec = o as Record<string, unknown>
  for (const key in rec) {
    const v = rec[key]
    if (v === undefined || (Array.isArray(v) && v.length === 0)) return clean({ ...o })
  }
  return o
}
