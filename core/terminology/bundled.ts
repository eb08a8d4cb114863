/**
 * The terminology files bundled in data/terminology, loaded lazily: each file is a separate
 * dynamic import, so a browser bundle splits them into chunks fetched on first use and the CLI
 * (tsx) reads them from disk. Load once at start-up and keep the {@link Terminology}.
 */
import { Terminology, parseTerminologyFile, type TerminologyFile } from './terminology'

type Loader = () => Promise<{ default: unknown }>

const LOADERS: Readonly<Record<string, Loader>> = {
  'ASS_A14-FamilleActivite-ActiviteOperationnelle': () =>
    import('../../data/terminology/ASS_A14-FamilleActivite-ActiviteOperationnelle.json'),
  'JDV_J17-ActiviteOperationnelle-ROR': () =>
    import('../../data/terminology/JDV_J17-ActiviteOperationnelle-ROR.json'),
  'JDV_J187-NatureCapacite-ROR': () =>
    import('../../data/terminology/JDV_J187-NatureCapacite-ROR.json'),
  'JDV_J188-TypeStatutCapacite-ROR': () =>
    import('../../data/terminology/JDV_J188-TypeStatutCapacite-ROR.json'),
  'JDV_J189-TemporaliteCapacite-ROR': () =>
    import('../../data/terminology/JDV_J189-TemporaliteCapacite-ROR.json'),
  'JDV_J19-ModePriseEnCharge-ROR': () =>
    import('../../data/terminology/JDV_J19-ModePriseEnCharge-ROR.json'),
  'JDV_J190-GenreCapacite-ROR': () =>
    import('../../data/terminology/JDV_J190-GenreCapacite-ROR.json'),
  'JDV_J198-FonctionLieu-ROR': () =>
    import('../../data/terminology/JDV_J198-FonctionLieu-ROR.json'),
  'JDV_J20-ChampActivite-ROR': () =>
    import('../../data/terminology/JDV_J20-ChampActivite-ROR.json'),
  'JDV_J221-NatureContact-ROR': () =>
    import('../../data/terminology/JDV_J221-NatureContact-ROR.json'),
  'JDV_J222-NiveauConfidentialite-ROR': () =>
    import('../../data/terminology/JDV_J222-NiveauConfidentialite-ROR.json'),
  'JDV_J223-TypeDivisionTerritoriale-ROR': () =>
    import('../../data/terminology/JDV_J223-TypeDivisionTerritoriale-ROR.json'),
  'JDV_J225-CanalCommunication-ROR': () =>
    import('../../data/terminology/JDV_J225-CanalCommunication-ROR.json'),
  'JDV_J226-ModaliteAccueil-ROR': () =>
    import('../../data/terminology/JDV_J226-ModaliteAccueil-ROR.json'),
  'JDV_J236-TypeIdentifiant-ROR': () =>
    import('../../data/terminology/JDV_J236-TypeIdentifiant-ROR.json'),
  'JDV_J237-RegionOM-ROR': () => import('../../data/terminology/JDV_J237-RegionOM-ROR.json'),
  'JDV_J238-TypeOffre-ROR': () => import('../../data/terminology/JDV_J238-TypeOffre-ROR.json'),
  'JDV_J29-PublicPrisEnCharge-ROR': () =>
    import('../../data/terminology/JDV_J29-PublicPrisEnCharge-ROR.json'),
  'JDV_J30-TemporaliteAccueil-ROR': () =>
    import('../../data/terminology/JDV_J30-TemporaliteAccueil-ROR.json'),
  'JDV_J33-CompetenceSpecifique-ROR': () =>
    import('../../data/terminology/JDV_J33-CompetenceSpecifique-ROR.json'),
  'JDV_J35-SpecialisationDePriseEnCharge-ROR': () =>
    import('../../data/terminology/JDV_J35-SpecialisationDePriseEnCharge-ROR.json'),
  'JDV_J37-UcumUniteTemps': () => import('../../data/terminology/JDV_J37-UcumUniteTemps.json'),
  'JDV_J51-FamilleActiviteOperationnelle-ROR': () =>
    import('../../data/terminology/JDV_J51-FamilleActiviteOperationnelle-ROR.json'),
  'JDV_J55-CategorieEG-ROR': () => import('../../data/terminology/JDV_J55-CategorieEG-ROR.json'),
}

/** Ids of the bundled terminology files. */
export const BUNDLED_TERMINOLOGIES: readonly string[] = Object.keys(LOADERS)

/**
 * Loads the bundled files (all, or those named by their full id) and builds a Terminology.
 * Each file is validated; an invalid or unknown file is an error (the bundle is broken).
 */
export async function loadBundledTerminology(ids?: readonly string[]): Promise<Terminology> {
  const wanted = ids ?? BUNDLED_TERMINOLOGIES
  const files: TerminologyFile[] = await Promise.all(
    wanted.map(async (id) => {
      const loader = LOADERS[id]
      if (!loader) throw new Error(`Terminologie inconnue : ${id}`)
      return parseTerminologyFile((await loader()).default)
    }),
  )
  return new Terminology(files)
}
