/**
 * Liberal practice offers (champ 05 Ville), one template per profession, with the share of
 * each profession among liberal professionals (roughly the RPPS / ADELI proportions). The
 * offers carry PractitionerRoles (profession TRE_G15 in `pro`). Place functions JDV_J198:
 * 015–028 « Local de cabinet de ville … », 005 adresse when no specific one exists.
 */
import { parseTemplates } from './template-table'

export const VILLE_TEMPLATES = parseTemplates([
  'mg|Médecine générale|05|196|437,483,484,487|32|0d-120a,0a-120a|consult|023|pro=10;mod=03,05,04',
  'ide|Soins infirmiers|05|225|287,573,568|32,49|0d-120a|consult|019|pro=60;mod=05,03',
  'kine|Kinésithérapie|05|195|339,425,419,562|32,49|0d-120a|consult|018|pro=70;mod=03,05',
  'dentiste|Chirurgie dentaire|05|226|441,442,443|32|0d-120a,3a-120a|consult|017|pro=40',
  'sf|Sage-femme|05|213|530,529,527|32|15a-50a,12a-120a|consult|020|pro=50;mod=03,05',
  'pediatre|Pédiatrie|05|205|088|32|0d-18a,0d-16a|consult|026|pro=10',
  'ophtalmo-v|Ophtalmologie|05|221|103|32|0d-120a|consult|027|pro=10',
  'cardio-v|Cardiologie|05|183|013,344|32|15a-120a,18a-120a|consult|022|pro=10',
  'psychiatre-v|Psychiatrie|05|208|229|32|18a-120a,16a-120a|consult|005|pro=10;mod=03,04',
  'dermato-v|Dermatologie|05|190|037|32|0d-120a|consult|005|pro=10',
  'gyneco-v|Gynécologie médicale|05|194|053,527|32|12a-120a,15a-120a|consult|005|pro=10',
  'orthophonie|Orthophonie|05|222|200,290|32|0a-120a,2a-120a|consult|005|pro=91',
  'orthoptie|Orthoptie|05|223|106|32|0a-120a|consult|005|pro=92',
  'podologie|Pédicurie-podologie|05|206|201|32|0a-120a|consult|005|pro=80;mod=03,05',
  'dietetique|Diététique|05|191|549,585|32|0a-120a|consult|016|pro=95',
  'psychomot|Psychomotricité|05|210|621,620|32|0a-18a,0a-120a|consult|005|pro=96',
  'ergo|Ergothérapie|05|216|558,580|32,49|0a-120a|consult|015|pro=94',
  'orl-v|ORL|05|179|016|32|0d-120a|consult|021|pro=10',
  'rhumato-v|Rhumatologie|05|212|131|32|15a-120a|consult|025|pro=10',
  'pneumo-v|Pneumologie|05|207|114|32|15a-120a|consult|028|pro=10',
  'mpr-v|Médecine physique et réadaptation|05|200|090|32|0a-120a|consult|024|pro=10',
])

/** Relative share of each ville template among liberal professionals. */
export const VILLE_WEIGHTS: Record<string, number> = {
  mg: 30,
  ide: 22,
  kine: 18,
  dentiste: 12,
  orthophonie: 4,
  sf: 3,
  podologie: 2.5,
  pediatre: 1.5,
  'ophtalmo-v': 1.5,
  'psychiatre-v': 1.5,
  'cardio-v': 1,
  'dermato-v': 1,
  'gyneco-v': 1,
  dietetique: 0.8,
  psychomot: 0.6,
  orthoptie: 0.5,
  'orl-v': 0.5,
  'rhumato-v': 0.5,
  'pneumo-v': 0.4,
  ergo: 0.4,
  'mpr-v': 0.3,
}

/** Professions whose group practices share one offer (one offer, several PractitionerRoles). */
export const SHARED_OFFER_TEMPLATES = new Set(['ide', 'kine'])
