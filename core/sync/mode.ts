/**
 * Full or delta? A delta needs a snapshot synced from the same server, for the same access
 * profile and region scope, whose last full sync is less than a week old: the ROR asks for at
 * least one full sync a week, because deltas do not show deletions (ROR-FHIR-NOTES §5.5).
 */
import type { SnapshotManifest } from '../snapshot/manifest'
import type { AccessProfile } from '../snapshot/records'
import type { SyncMode } from './events'

export type RequestedMode = 'auto' | 'full' | 'delta'

export type FullSyncReason =
  | 'requested'
  | 'no-snapshot'
  | 'no-sync-history'
  | 'weekly-rule'
  | 'other-profile'
  | 'other-server'
  | 'other-region'
  | 'delta-too-large'
  | 'base-unsorted'

/** The ROR's rule: at least one full sync a week (ROR-FHIR-NOTES §5.5). */
export const MAX_FULL_SYNC_AGE_MS = 7 * 24 * 3600 * 1000

export interface SyncScope {
  server: string
  profile: AccessProfile
  region: string | null
}

export interface ModeDecision {
  mode: SyncMode
  /** Why a full sync (null for a delta). */
  reason: FullSyncReason | null
}

/**
 * Decides the mode for a request. `delta` and `auto` are the same request: a delta when one is
 * allowed, otherwise a full sync with the reason.
 */
export function decideMode(
  requested: RequestedMode,
  base: SnapshotManifest | null,
  scope: SyncScope,
  nowMs: number,
  maxFullAgeMs = MAX_FULL_SYNC_AGE_MS,
): ModeDecision {
  const full = (reason: FullSyncReason): ModeDecision => ({ mode: 'full', reason })
  if (requested === 'full') return full('requested')
  if (!base) return full('no-snapshot')
  const since = base.sync?.lastSyncStart
  const lastFull = base.sync?.lastFullSync
  if (base.source.kind !== 'sync' || since === undefined || lastFull === undefined) {
    return full('no-sync-history')
  }
  if (base.accessProfile !== scope.profile) return full('other-profile')
  if (base.source.server !== scope.server) return full('other-server')
  if ((base.source.region ?? null) !== scope.region) return full('other-region')
  const age = nowMs - Date.parse(lastFull)
  if (!(age < maxFullAgeMs)) return full('weekly-rule')
  return { mode: 'delta', reason: null }
}

/** Why a full sync was made, for the UI and the CLI (French). */
export function fullReasonText(reason: FullSyncReason): string {
  switch (reason) {
    case 'requested':
      return 'Synchronisation complète demandée.'
    case 'no-snapshot':
      return 'Aucun instantané local : première synchronisation complète.'
    case 'no-sync-history':
      return 'L’instantané local ne provient pas d’une synchronisation (import, démonstration) : synchronisation complète.'
    case 'weekly-rule':
      return 'La dernière synchronisation complète date de plus de 7 jours : le ROR en demande au moins une par semaine, car seules les synchronisations complètes retirent les offres supprimées.'
    case 'other-profile':
      return 'Le profil d’accès a changé : l’instantané est reconstruit par une synchronisation complète.'
    case 'other-server':
      return 'Le serveur a changé : synchronisation complète.'
    case 'other-region':
      return 'La région a changé : synchronisation complète.'
    case 'delta-too-large':
      return 'Trop de modifications pour une mise à jour différentielle (limite de 10 000 résultats du ROR) : synchronisation complète.'
    case 'base-unsorted':
      return 'L’instantané local n’est pas dans l’ordre attendu : synchronisation complète.'
  }
}
