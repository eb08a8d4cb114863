/**
 * Lowering the access profile of a snapshot already on disk (issue 5: « changing to a lower
 * access profile purges what the new profile may not see »). Shared by Electron main (its
 * snapshot file) and the renderer (its IndexedDB copy), so both purge exactly the same things.
 *
 * Profiles are not ordered by their number (ROR-FHIR-NOTES §4.1: 1 sees everything, 0 only
 * public data, 4 no contact data, 5 no capacities): « lower » here means « sees less ».
 * {@link profileCovers} compares two profiles on the rule table itself (core/ror/access-rules.ts).
 *
 * Records were mapped for the snapshot's profile; {@link ProfileNarrower} re-applies the rule
 * table for the new one. `narrowRecord` (core/snapshot/narrow.ts) handles the field-dependent
 * rules of places, organisations, roles and professionals; this module adds what it leaves to
 * mapping time because mapping already had the right profile: sensitive units and their flag
 * (§4.1 point 3), restricted characteristics, offer contacts and telecoms, drop zone and ORSAN
 * level, personal data of roles (§4.2). When the snapshot's profile covers the new one, the
 * result equals a sync made with the new profile (main/snapshot-file.test.ts checks it).
 */
import { placementOf, type Placement } from '../ror/access-policy'
import { AccessFactsIndex } from '../ror/access-context'
import {
  ACCESS_RULES,
  allows,
  allowsLevel,
  scopeOfFields,
  type PolicedElement,
  type Scope,
} from '../ror/access-rules'
import { RESTRICTED_SLICES } from '../ror/characteristic'
import { FIELD } from '../ror/urls'
import { crc32, crcHex } from './crc32'
import type { ChunkKind, SnapshotManifest } from './manifest'
import { narrowRecord } from './narrow'
import type {
  AccessProfile,
  Contact,
  DomainRecord,
  OfferRecord,
  OrganizationRecord,
  PractitionerRoleRecord,
  ResolvedPlacement,
  Telecom,
} from './records'

/** Every combination of champs d'activité the rule conditions can tell apart. */
const SCOPES: readonly Scope[] = (() => {
  const fields = [FIELD.ms, FIELD.ville, FIELD.mco, undefined]
  const out: Scope[] = []
  for (let mask = 0; mask < 1 << fields.length; mask++) {
    out.push(scopeOfFields(fields.filter((_, i) => (mask & (1 << i)) !== 0)))
  }
  return out
})()

/**
 * Whether `wide` may see everything `narrow` may see, element by element and for every
 * combination of champs d'activité (the conditions only test membership of MS and ville).
 */
export function profileCovers(wide: AccessProfile, narrow: AccessProfile): boolean {
  const elements = Object.keys(ACCESS_RULES) as PolicedElement[]
  return elements.every((e) =>
    SCOPES.every((scope) => !allows(e, narrow, scope) || allows(e, wide, scope)),
  )
}

/** Whether a snapshot of `snapshotProfile` holds data `newProfile` may not see. */
export function isPurgeNeeded(snapshotProfile: AccessProfile, newProfile: AccessProfile): boolean {
  return !profileCovers(newProfile, snapshotProfile)
}

/** French confirmation asked before the purge (settings screen, both modes). */
export function purgeWarning(newProfile: AccessProfile): string {
  return `Les données que le profil ${newProfile} ne peut pas voir seront supprimées de cet ordinateur.`
}

type Narrowable = DomainRecord | ResolvedPlacement

/**
 * Two passes over a snapshot: `learn` every chunk of offers, organisations and roles (the
 * facts the policy needs, as `accessContextFromRecords` in builder.ts), then `narrow` every
 * chunk, in the snapshot's order (records stay sorted by id, as deltas need).
 */
export class ProfileNarrower {
  private readonly facts = new AccessFactsIndex()
  private readonly droppedOffers = new Set<string>()
  /** Records removed whole (added to the manifest's `hiddenByProfile`). */
  hidden = 0

  constructor(readonly profile: AccessProfile) {}

  /** Kinds whose records `learn` needs (the others can be skipped in the first pass). */
  static readonly LEARN_KINDS: readonly ChunkKind[] = ['offer', 'organization', 'practitionerRole']

  learn(kind: ChunkKind, records: readonly unknown[]): void {
    for (const r of records as Narrowable[]) {
      if (kind === 'offer') {
        const o = r as OfferRecord
        this.facts.addOffer({
          id: o.id,
          ...(o.field === undefined ? {} : { field: o.field }),
          isSensitive: o.isSensitive === true,
          locationIds: o.locationIds,
          ...(o.providedBy === undefined ? {} : { organizationId: o.providedBy }),
        })
        if (this.placementOf(o).hidden) this.droppedOffers.add(o.id)
      } else if (kind === 'organization') {
        const org = r as OrganizationRecord
        this.facts.setParent(org.id, org.partOf)
      } else if (kind === 'practitionerRole') {
        const role = r as PractitionerRoleRecord
        this.facts.setRole(role.id, role.practitionerId, role.offerId ? [role.offerId] : [])
      }
    }
  }

  /** The records of one chunk as the new profile may hold them (hidden ones left out). */
  narrow<T>(kind: ChunkKind, records: readonly T[]): T[] {
    const out: T[] = []
    for (const r of records) {
      const kept =
        kind === 'placement'
          ? this.droppedOffers.has((r as ResolvedPlacement).offerId)
            ? null
            : r
          : this.narrowOne(r as DomainRecord)
      if (kept === null) {
        if (kind !== 'placement') this.hidden++
      } else out.push(kept as T)
    }
    return out
  }

  private narrowOne(record: DomainRecord): DomainRecord | null {
    if (record.type === 'offer') {
      return this.droppedOffers.has(record.id) ? null : this.narrowOffer(record)
    }
    const narrowed = narrowRecord(record, this.profile, this.placementOf(record))
    if (narrowed === null) return null
    const p = this.profile
    const everywhere = scopeOfFields([])
    if (narrowed.type === 'organization') {
      if (!allows('dropZone', p, everywhere)) delete narrowed.hasDropZone
      if (!allows('orsanLevel', p, everywhere)) delete narrowed.orsanLevel
    }
    if (
      narrowed.type === 'practitionerRole' &&
      !allows('practitionerRolePersonalData', p, everywhere)
    ) {
      delete narrowed.practitionerId
      delete narrowed.exerciseName
    }
    return narrowed
  }

  /** As access-policy.ts does for a HealthcareService, on the mapped record. */
  private narrowOffer(offer: OfferRecord): OfferRecord {
    const p = this.profile
    const { scope } = this.placementOf(offer)
    const levelOk = (t: Telecom | Contact) => allowsLevel(t.confidentiality, p, scope)
    const out: OfferRecord = {
      ...offer,
      telecoms: offer.telecoms.filter(levelOk),
      // A telecom is never more visible than its contact: the contact passed, so its own level
      // decides (the levels are nested: what level 2 allows, level 1 allows too).
      contacts: offer.contacts
        .filter(levelOk)
        .map((c) => ({ ...c, telecoms: c.telecoms.filter(levelOk) })),
    }
    if (!allows('restrictedCharacteristic', p, scope)) {
      out.characteristics = offer.characteristics.filter((c) => !RESTRICTED_SLICES.has(c.slice))
    }
    if (!allows('sensitiveFlag', p, scope)) delete out.isSensitive
    return out
  }

  /** The placement of a record for the new profile, as `placementOfEntry` in builder.ts. */
  private placementOf(record: DomainRecord): Placement {
    const p = this.profile
    switch (record.type) {
      case 'offer':
        return placementOf(
          [
            {
              id: record.id,
              ...(record.field === undefined ? {} : { field: record.field }),
              isSensitive: record.isSensitive === true,
              locationIds: record.locationIds,
            },
          ],
          p,
        )
      case 'location':
        return placementOf(this.facts.offersOfLocation(record.id), p)
      case 'organization':
        return {
          hidden: false,
          scope: placementOf(this.facts.offersOfOrganization(record.id), p).scope,
        }
      case 'practitionerRole': {
        const offer = record.offerId === undefined ? undefined : this.facts.offer(record.offerId)
        return placementOf(offer ? [offer] : [], p)
      }
      case 'practitioner':
        return placementOf(this.facts.offersOfPractitioner(record.id), p)
    }
  }
}

/**
 * The manifest of the narrowed snapshot. When the old profile covers the new one the records
 * equal a sync with the new profile, so the sync history is kept and the next sync may be a
 * delta; otherwise (e.g. 4 → 0: profile 0 sees public contacts that profile 4 never received)
 * the history is dropped, so the next sync is a full one that fetches what is missing.
 */
export function narrowedManifest(
  manifest: SnapshotManifest,
  narrower: ProfileNarrower,
  counts: SnapshotManifest['counts'],
): SnapshotManifest {
  const { sync: history, ...rest } = manifest
  const isExact = profileCovers(manifest.accessProfile, narrower.profile)
  return {
    ...rest,
    ...(isExact && history ? { sync: history } : {}),
    accessProfile: narrower.profile,
    counts,
    hiddenByProfile: manifest.hiddenByProfile + narrower.hidden,
    // Never mistaken for the original (the storage side skips a snapshot it already holds).
    checksum: {
      algorithm: 'crc32-chunks',
      value: crcHex(
        crc32(new TextEncoder().encode(`${manifest.checksum.value}>${narrower.profile}`)),
      ),
    },
  }
}
