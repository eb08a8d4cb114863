/**
 * Code lists the generator needs that are not (yet) shipped in data/terminology/. Each entry
 * was read from the NOS / ANS terminology sources (value sets JDV_J16, J28, J186, J199, J200,
 * J204, J227 and the ROR IG examples); only the codes the generator uses are listed, with
 * their system and label as published. Codes are strings, zero-padded as served.
 */
import { nos } from './systems'

export interface ExtraConcept {
  code: string
  display: string
  system: string
}

type Table = Record<string, ExtraConcept[]>

function list(system: string, pairs: readonly (readonly [string, string])[]): ExtraConcept[] {
  return pairs.map(([code, display]) => ({ code, display, system }))
}

export const EXTRA_VOCAB: Table = {
  /** Acte spécifique (JDV_J16 / TRE_R210), active codes only. */
  R210: list(nos('TRE_R210-ActeSpecifique'), [
    ['0001', 'Ablation par radiofréquence de trouble du rythme et de conduction'],
    ['0005', 'Accueil mort inattendue du nourrisson (MIN)'],
    ['0006', 'Décontamination bactériologique (NRBC)'],
    ['0007', 'Décontamination chimique (NRBC)'],
    ['0011', 'Radiothérapie métabolique (iode 131, hyperthyroïdies)'],
    ['0013', "Examen victime d'agression sexuelle"],
    ['0015', 'Diagnostic Pré Implantatoire (DPI) (Aide Médicale à la Procréation, AMP)'],
    ['0016', 'Insémination Intra Utérine avec sperme de Conjoint (IIU)'],
    ['0020', 'Angiographie oculaire (artériographie oculaire)'],
    ['0021', 'Angioplastie des artères des membres'],
    ['0022', 'Angioplastie des artères thoraco-abdomino-pelviennes'],
    ['0024', 'Aponévrotomie percutanée palmaire et digitale (maladie de Dupuytren)'],
    ['0026', 'Arthroscopie'],
    ['0029', 'Autopsie'],
    ['0031', 'Autotransfusion peropératoire (Cell Saver)'],
    ['0032', 'Bilan de chute'],
    ['0033', 'Evaluation de la mémoire (bilan mémoire)'],
    ['0034', 'Exploration urodynamique'],
    ['0316', 'Neurochirurgie éveillée avec mapping cortical'],
    ['0320', 'Neuromodulation sacrée'],
    ['0784', 'Entretien du logement (ménage, petit bricolage)'],
  ]),
  /** Ouverture annuelle (JDV_J28 / TRE_R238). */
  R238: list(nos('TRE_R238-OuvertureAnnuelle'), [
    ['01', "Semaine hors week-end jusqu'à 210 jours par an"],
    ['02', 'Semaine et week-end (de 211 à 364 jours par an)'],
    ['03', 'Année complète (365 jours par an)'],
    ['05', 'Week-end et vacances scolaires uniquement'],
  ]),
  /** Niveau d'expertise (JDV_J227, codes of TRE_R253-TypeMaternite). */
  R253: list(nos('TRE_R253-TypeMaternite'), [
    ['01', 'Maternité de type 1'],
    ['02', 'Maternité de type 2A'],
    ['03', 'Maternité de type 2B'],
    ['04', 'Maternité de type 3'],
  ]),
  /** Type d'horaire (JDV_J41 / TRE_R252), labels as in the IG examples. */
  R252: list(nos('TRE_R252-TypeHoraire'), [
    ['01', "Horaire d'ouverture"],
    ['02', 'Horaire de fonctionnement'],
    ['06', 'Horaire de consultation sans RDV'],
    ['07', 'Horaire de consultation sur RDV'],
  ]),
  /** Statut juridique INSEE (JDV_J199 / TRE_R72). */
  R72: list(nos('TRE_R72-FinessStatutJuridique'), [
    ['03', 'Commune'],
    ['13', "Etablissement public communal d'hospitalisation"],
    ['14', "Etablissement public intercommunal d'hospitalisation"],
    ['15', "Etablissement public régional d'hospitalisation"],
    ['17', "Centre communal d'action sociale"],
    ['21', 'Etablissement social et médico-social communal'],
    ['22', 'Etablissement social et médico-social intercommunal'],
    ['47', 'Société mutualiste'],
    ['60', "Association Loi 1901 non reconnue d'utilité publique"],
    ['61', "Association Loi 1901 reconnue d'utilité publique"],
    ['63', 'Fondation'],
    ['70', 'Personne physique'],
    ['72', 'Société à responsabilité limitée (SARL)'],
    ['73', 'Société anonyme (SA)'],
    ['79', 'Société civile de moyens (SCM)'],
    ['80', 'Société interprofessionnelle soins ambulatoires (SISA)'],
    ['85', "Société d'exercice libéral responsabilité limitée (SELARL)"],
    ['88', 'Société civile professionnelle (SCP)'],
    ['95', 'Société par actions simplifiée (SAS)'],
  ]),
  /** Sous-ensemble agrégat statut juridique (JDV_J200 / TRE_R69, niveau 2). */
  R69: list(nos('TRE_R69-FinessAgregatStatutJuridiqueNiv2'), [
    ['1100', 'Etat et Collectivités territoriales'],
    ['1200', 'Etablissement public'],
    ['2100', 'Organisme privé à but non lucratif'],
    ['2200', 'Organisme privé à caractère commercial'],
  ]),
  /** Profession de santé (JDV_J229 / TRE_G15), PractitionerRole.code. */
  G15: list(nos('TRE_G15-ProfessionSante'), [
    ['10', 'Médecin'],
    ['40', 'Chirurgien-Dentiste'],
    ['50', 'Sage-Femme'],
    ['60', 'Infirmier'],
    ['70', 'Masseur-Kinésithérapeute'],
    ['80', 'Pédicure-Podologue'],
    ['91', 'Orthophoniste'],
    ['92', 'Orthoptiste'],
    ['94', 'Ergothérapeute'],
    ['95', 'Diététicien'],
    ['96', 'Psychomotricien'],
  ]),
  /** Profession ressource (JDV_J186: several systems, keyed here by `system|code`). */
  J186: [
    ...list(nos('TRE_G15-ProfessionSante'), [
      ['35', 'Aide-soignant'],
      ['94', 'Ergothérapeute'],
      ['96', 'Psychomotricien'],
      ['95', 'Diététicien'],
    ]),
    ...list(nos('TRE_R94-ProfessionSocial'), [
      ['47', 'Aide médico-psychologique'],
      ['51', 'Educateur spécialisé'],
      ['53', 'Accompagnant éducatif et social'],
    ]),
    ...list(nos('TRE_R356-ProfessionRessource'), [
      ['24', 'Psychologue clinicien'],
      ['43', 'Pédopsychiatre'],
      ['45', 'Assistant de soins en gérontologie'],
      ['81', 'Gériatre'],
      ['105', 'Pédiatre'],
      ['108', 'Psychiatre'],
    ]),
  ],
  /** Mode d'exercice (JDV_J217 / TRE_R23). */
  R23: list(nos('TRE_R23-ModeExercice'), [
    ['L', 'Libéral, indépendant, artisan, commerçant'],
    ['S', 'Salarié'],
  ]),
  /** Niveau de recours ORSAN (JDV_J204 / TRE_R284). */
  R284: list(nos('TRE_R284-NiveauRecoursORSAN'), [
    ['1', 'Première ligne'],
    ['4', 'Deuxième ligne'],
  ]),
  /** Aide financière (JDV_J31 / TRE_R241), as in the EG example. */
  R241: list(nos('TRE_R241-AideFinanciere'), [['02', 'Habilité Aide Sociale']]),
  /** Type d'organisation interne (JDV_J203; code system used by the IG examples). */
  OI: list('http://interopsante.org/fhir/CodeSystem/fr-v2-3307', [
    ['POLE', 'Pôle'],
    ['UF', 'Unité fonctionnelle'],
  ]),
  /** Capacity qualifiers used by the Location example (TRE_R334 to TRE_R337). */
  R334: list(nos('TRE_R334-TypeLitSupplementaire'), [
    ['03', 'Mobilisable avec ressources humaines'],
  ]),
  R335: list(nos('TRE_R335-TypeSourceCapacite'), [['01', 'Saisie manuelle']]),
  R336: list(nos('TRE_R336-TypeCrise'), [
    ['02', 'Situation sanitaire Exceptionnelle (SSE) (Plan blanc)'],
  ]),
  R337: list(nos('TRE_R337-AffectationTemporaire'), [['01', 'Aucune']]),
}
