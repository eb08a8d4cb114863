/**
 * Offer templates of the médico-social field (champ 04) and of the ambulatory prevention
 * centres (format: see template-table.ts). Modes JDV_J19: 46 hébergement, 47 accueil de jour,
 * 49 sur les lieux de vie, 32 consultation, 54 accueil individuel ou collectif, 58 suivi ou
 * coordination de parcours, 36 téléassistance. Publics JDV_J29: 01 PA en perte d'autonomie,
 * 02 PH, 03 PA autonomes, 04 addictions, 06 précarité, 07 tout public, 09 maladies chroniques.
 * Place functions JDV_J198: 003 hébergement MS, 005 adresse.
 */
import { parseTemplates } from './template-table'

export const MS_TEMPLATES = parseTemplates([
  // Personnes âgées
  'ehpad-hp|Hébergement permanent|04|21|293,288,287|46|60a-120a|h24|003|pub=01;rec=02;cap=P40-120;comp=45,19,20;prof=45,81;open=03',
  'ehpad-ht|Hébergement temporaire|04|21|293,394|46|60a-120a|h24|003|pub=01;rec=01;cap=P2-10',
  'ehpad-uvp|Unité de vie protégée|04|24|293,306|46|60a-120a|h24|003|pub=01;rec=02;spec=28,27;cap=P10-28',
  'ehpad-pasa|Pôle d’activités et de soins adaptés|04|25|306,313|47|60a-120a|day|003|pub=01;spec=28;cap=P12-14',
  'ehpad-uhr|Unité d’hébergement renforcé|04|23|306|46|60a-120a|h24|003|pub=01;spec=27;cap=P12-14',
  'ehpad-adj|Accueil de jour|04|21|306,325|47|60a-120a|day|003|pub=01;spec=28;cap=P6-15',
  'ra|Résidence autonomie|04|22|298,312|46|60a-120a|h24|003|pub=03;rec=02;cap=P30-80',
  'cj-pa|Accueil de jour personnes âgées|04|21|306,325,394|47|60a-120a|day|003|pub=01;spec=28;cap=P10-20',
  'ssiad-pa|SSIAD personnes âgées|04|28|287|49|60a-120a|office|005|pub=01;zones;cap=P20-80',
  'ssiad-ph|SSIAD personnes handicapées|04|28|287|49|18a-60a,20a-60a|office|005|pub=02;zones;cap=P5-15',
  'esa|Equipe spécialisée Alzheimer|04|29|306,326|49|60a-120a|office|005|pub=01;spec=28;zones;comp=45',
  'sad-aide|Aide à domicile|04|30|293,299|49|18a-120a,60a-120a|office|005|pub=01,02;zones;acts=0784',
  'sad-soins|Service autonomie aide et soins|04|132|287,293|49|18a-120a|office|005|pub=01,02;zones',
  'portage|Portage de repas|04|33|322|49|60a-120a|office|005|pub=01,03;zones',
  'teleassistance|Téléassistance|04|34|297|36|60a-120a|h24|005|pub=01;zones',
  'clic|Point d’information personnes âgées|04|259|317|54|60a-120a|office|005|pub=01,03',
  'dac|Dispositif d’appui à la coordination|04|178|335,548|58|0d-120a|office|005|pub=07;zones',
  // Enfants en situation de handicap
  'ime-internat|Internat|04|48|300,293,294|46|6a-20a,3a-20a,12a-20a|h24|003|pub=02;spec=14,02;comp=29,31,40;prof=51;cap=P10-40',
  'ime-semi|Semi-internat|04|48|300,293,294|47|6a-20a,3a-20a|day|003|pub=02;spec=14,02;comp=29,40;prof=51;cap=P10-50',
  'uee|Unité d’enseignement externalisée|04|56|300|47|3a-12a,6a-16a|day|005|pub=02;spec=02',
  'itep|ITEP|04|50|300,296|47,46|6a-18a,6a-20a|day|003|pub=02;spec=26;prof=51,24;cap=P10-40',
  'sessad|SESSAD|04|57|300,294,290|49|0a-20a,3a-20a|office|005|pub=02;spec=02,14,22;zones',
  'camsp|CAMSP|04|61|557,448|32|0d-6a|office|005|pub=02;prof=105,96',
  'cmpp|CMPP|04|62|227,289|32|0a-16a,0a-20a|office|005|pub=02,07;spec=03,11;prof=24',
  'iem|IEM|04|49|300,291|46,47|3a-20a|day|003|pub=02;spec=22;cap=P10-40',
  'eeap|Polyhandicap|04|51|293,288|46,47|3a-20a|h24|003|pub=02;spec=17;cap=P10-30',
  'idv|Déficience visuelle|04|52|300,247|46,47|3a-20a|day|003|pub=02;spec=19;comp=03',
  'ida|Déficience auditive|04|53|300,248|46,47|3a-20a|day|003|pub=02;spec=18;comp=01,02',
  // Adultes en situation de handicap
  'mas|Maison d’accueil spécialisée|04|40|288,293|46|20a-120a,18a-120a|h24|003|pub=02;spec=17,24;cap=P20-60;rec=02',
  'fam|Foyer d’accueil médicalisé|04|39|293,285|46|20a-120a,18a-60a|h24|003|pub=02;spec=16,24;cap=P20-50;rec=02',
  'foyer-vie|Foyer de vie|04|97|313,312|46|20a-60a,18a-120a|h24|003|pub=02;cap=P15-45',
  'foyer-heb|Foyer d’hébergement|04|96|298,299|46|18a-60a|h24|003|pub=02;cap=P15-45',
  'eanm|Etablissement d’accueil non médicalisé|04|41|313|46,47|20a-120a|h24|003|pub=02;cap=P15-40',
  'esat|ESAT|04|43|304,305|47|18a-60a,20a-62a|office|005|pub=02;comp=26;cap=P30-120',
  'savs|SAVS|04|31|298,312|49|18a-120a|office|005|pub=02;zones',
  'samsah|SAMSAH|04|32|287,298|49|18a-120a|office|005|pub=02;spec=16;zones',
  'at-ph|Accueil temporaire|04|256|394,293|46|18a-60a|h24|003|pub=02;rec=01;cap=P4-12',
  'esrp|Réadaptation professionnelle|04|44|302,305|47|18a-60a|office|005|pub=02',
  // Addictions, précarité
  'csapa|CSAPA|04|80|404,003,139|32|12a-120a,18a-120a|office|005|pub=04;spec=10;mod=06,07',
  'cjc|Consultation jeunes consommateurs|04|86|404,001|32|12a-25a|office|005|pub=04;mod=07',
  'caarud|CAARUD|04|81|450,600|54|18a-120a|office|005|pub=04;mod=07,06',
  'lhss|Lits halte soins santé|04|93|285,287|46|18a-120a|h24|003|pub=06;cap=L5-25',
  'lam|Lits d’accueil médicalisés|04|95|285,288|46|18a-120a|h24|003|pub=06,09;cap=L10-25',
  'act|Appartements de coordination thérapeutique|04|94|298,336|46|18a-120a|h24|003|pub=09,06;cap=P5-20',
  'lva|Lieu de vie et d’accueil|04|67|298,313|46|6a-21a|h24|003|pub=02',
  // Prévention, jeunes
  'pmi|Protection maternelle et infantile|04|125|118,554|32|0d-6a|office|005|pub=07',
  'pmi-prenat|Suivi prénatal PMI|04|125|530,550|32|15a-50a|office|005|pub=07',
  'mda|Maison des adolescents|04|134|453,289|54|11a-25a,12a-21a|office|005|pub=07',
  'paej|Point accueil écoute jeunes|04|135|289|54|12a-25a|office|005|pub=07',
  'css|Centre de santé sexuelle|05|89|527,105|32|0a-120a,12a-120a|office|005|pub=07,08;mod=07',
  'vaccination|Centre de vaccination|05|269|161|32|0d-120a|office|005|pub=07',
  'clat|Centre de lutte antituberculeuse|05|268|592|32|0d-120a|office|005|pub=07,06',
  'snp|Soins non programmés|05|92|475,437|56|0d-120a|office|005|pub=07;mod=06',
  'cpts|Communauté professionnelle territoriale de santé|05|255|548,471|58|0d-120a|office|005|pub=07;zones',
])
