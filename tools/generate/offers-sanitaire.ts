/**
 * Offer templates of the sanitaire field: champ 01 MCO, 02 SMR, 03 PSY (format: see
 * template-table.ts). Codes: activities JDV_J17, modes JDV_J19 (28 HC, 29 HJ, 32 consultation,
 * 09 chirurgie ambulatoire, 20 soins externes, 33 urgences, 31 HAD, 52 équipe mobile
 * intra-hospitalière, 11 équipe mobile extra-hospitalière), types d'offre JDV_J238, place
 * functions JDV_J198 (001 hébergement MCO, 002 PSY, 004 SMR, 005 adresse, 006 bloc…).
 * Ages: years mostly; newborn care in days; paediatrics from day 0.
 */
import { parseTemplates } from './template-table'

export const SANITAIRE_TEMPLATES = parseTemplates([
  // Urgences
  'urg-adulte|Urgences|01|20|157|33|15a-120a,0d-120a|h24|005|acts=0006,0007,0013;open=03',
  'urg-ped|Urgences pédiatriques|01|20|249|33|0d-18a,0d-15a|h24|005|acts=0005;open=03',
  'smur|SMUR|01|247|136,268|11|0d-120a|h24|005|open=03',
  // Mère-enfant
  'obst-hc|Obstétrique|01|157|100|28|15a-50a,12a-55a|h24|001|pub=07;mod=08;exp=01,02,03,04;cap=L12-60;open=03',
  'obst-cs|Consultations prénatales|01|69|530,510|32|15a-50a|office|005|mod=03,08',
  'salle-naissance|Salle de naissance|01|157|100|28|15a-50a|h24|013',
  'neonat|Néonatologie|01|162|094|28|0d-28d,0d-1mo|h24|001|cap=L6-24',
  'rea-neonat|Réanimation néonatale|01|121|128|28|0d-28d|h24|001|cap=L6-20',
  'ped-hc|Pédiatrie|01|162|088|28,32|0d-18a,1mo-18a,0d-15a|h24|001|cap=L10-40;prof=105',
  'ped-hdj|Hôpital de jour pédiatrique|01|162|088,611,610|29|0d-18a|office|001|cap=P4-12',
  'gyn-hc|Chirurgie gynécologique|01|157|022|28,09,32|15a-120a,15a-150a|h24|001|cap=L8-30;acts=0015,0016',
  // Médecine
  'med-poly|Médecine polyvalente|01|238|083|28|18a-120a|h24|001|cap=L15-40',
  'med-interne|Médecine interne|01|176|085,077|28,29,32|18a-120a,15a-120a|h24|001|cap=L15-35',
  'cardio-hc|Cardiologie|01|149|013,132|28|18a-120a,15a-120a|h24|001|cap=L15-45;acts=0001,0021,0022',
  'usic|Soins intensifs de cardiologie|01|262|354|28|18a-120a|h24|001|cap=L6-16',
  'cardio-cs|Consultations de cardiologie|01|69|013,344|32|15a-120a|office|005',
  'pneumo-hc|Pneumologie|01|163|114,451|28,29,32|18a-120a|h24|001|cap=L12-35',
  'neuro-hc|Neurologie|01|161|097|28,32|15a-120a|h24|001|cap=L12-35',
  'usinv|Unité neurovasculaire|01|263|356,098|28|15a-120a|h24|001|cap=L4-12',
  'gastro-hc|Hépato-gastro-entérologie|01|170|046,062|28,29,32|18a-120a|h24|001|cap=L12-35',
  'nephro-hc|Néphrologie|01|159|095|28,32|18a-120a|h24|001|cap=L8-25',
  'endoc-hdj|Endocrinologie-diabétologie|01|167|039,041|29,32|15a-120a|office|001|cap=P3-10',
  'onco-hdj|Chimiothérapie ambulatoire|01|118|164|29|18a-120a|office|001|cap=P6-30',
  'onco-hc|Oncologie médicale|01|171|102,189,195|28,32|18a-120a|h24|001|cap=L10-30',
  'radiotherapie|Radiothérapie|01|117|168|20|15a-120a|office|005|acts=0011',
  'ger-hc|Court séjour gériatrique|01|156|491|28|75a-120a,70a-120a|h24|001|cap=L15-40;prof=81',
  'emg|Equipe mobile de gériatrie|01|266|050|52|75a-120a|office|005',
  'ger-cs|Consultation mémoire|01|69|597,050|32|60a-120a|office|005|acts=0033,0032;spec=28',
  'usp|Soins palliatifs|01|175|170,076|28|18a-120a|h24|001|cap=L6-15',
  'emsp|Equipe mobile de soins palliatifs|01|252|170|52,53|18a-120a|office|005',
  'elsa|Equipe de liaison en addictologie|01|272|404,003|52|16a-120a|office|005|pub=04;spec=10',
  // Chirurgie
  'ortho-hc|Chirurgie orthopédique et traumatologique|01|150|025,436,467|28,32|15a-120a,18a-120a|h24|001|cap=L15-45;acts=0026,0024',
  'ortho-amb|Chirurgie orthopédique ambulatoire|01|150|025,467|09|15a-120a|office|006|acts=0026',
  'visc-hc|Chirurgie viscérale et digestive|01|153|033,017,474|28,32|15a-120a|h24|001|cap=L15-40',
  'visc-amb|Chirurgie digestive ambulatoire|01|153|033|09|15a-120a|office|006',
  'uro-hc|Urologie|01|234|031|28,09,32|15a-120a|h24|001|cap=L8-25;acts=0034,0320',
  'ophtalmo|Ophtalmologie|01|172|103|09,32|0d-120a|office|006|acts=0020',
  'orl|ORL|01|173|016|28,09,32|0d-120a,15a-120a|h24|001|cap=L5-20',
  'neurochir|Neurochirurgie|01|160|096,440,183|28,32|18a-90a,15a-120a|h24|001|cap=L10-30;acts=0316',
  'chir-ped|Chirurgie pédiatrique|01|241|604,605|28,09|0d-18a,0d-15a|h24|001|cap=L8-25',
  // Soins critiques
  'rea|Réanimation polyvalente|01|121|127,126|28|18a-120a,15a-120a|h24|001|cap=L8-30;acts=0031',
  'usc|Surveillance continue|01|254|373,374|28|15a-120a|h24|001|cap=L6-16',
  // Plateaux techniques, dialyse, long séjour, HAD, santé publique
  'imagerie|Imagerie médicale|01|164|454,070,068,067|20|0d-120a|office|010',
  'nucleaire|Médecine nucléaire|01|239|087,169|20|0d-120a|office|029|acts=0011',
  'dialyse-centre|Hémodialyse en centre|01|274|059|20|18a-120a|office|005|cap=P10-30',
  'dialyse-udm|Unité de dialyse médicalisée|01|275|059|20|18a-120a|office|005|cap=P6-16',
  'autodialyse|Autodialyse assistée|01|273|059,583|20|18a-120a|office|005',
  'usld|Unité de soins de longue durée|01|249|333|28|60a-120a|h24|001|pub=01;cap=L20-80;rec=02',
  'had|Hospitalisation à domicile|01|128|285,287|31|0d-120a,18a-120a|h24|005|zones',
  'had-pp|HAD ante et post-partum|01|129|282,529|31|15a-50a|h24|005|zones',
  'cegidd|CeGIDD|01|250|162|32|15a-120a|office|005|pub=07;mod=07,06',
  'pass|Permanence d’accès aux soins de santé|01|69|083,437|17|0d-120a|office|005|pub=06',
  // SMR
  'smr-poly|SMR polyvalent|02|100|172|28,29|18a-120a|h24|004|cap=L20-60',
  'smr-ger|SMR gériatrique|02|101|241|28|75a-120a,60a-120a|h24|004|cap=L20-50;acts=0032',
  'smr-loco|SMR locomoteur|02|102|233,513|28,29|16a-120a|h24|012|cap=L15-45',
  'smr-neuro|SMR système nerveux|02|103|234,519|28,29|16a-120a|h24|012|cap=L15-40',
  'smr-cardio|SMR cardio-vasculaire|02|104|235|28,29|18a-120a|h24|012|cap=L10-30',
  'smr-pneumo|SMR pneumologie|02|105|236|28,29|18a-120a|h24|004|cap=L10-30',
  'smr-nutri|SMR nutrition et obésité|02|106|237,520|28,29|16a-120a|h24|004|cap=L10-30',
  'smr-addicto|SMR conduites addictives|02|108|240|28|18a-120a|h24|004|pub=04;cap=L15-40;spec=10',
  'smr-ped|SMR pédiatrique|02|109|233,234,524|28,29|0a-18a,3a-18a|h24|004|cap=L10-30',
  // Psychiatrie
  'psy-hc|Psychiatrie adulte|03|16|229|28|18a-120a,16a-120a|h24|002|cap=L15-30;sector=G;noconsent;spec=07,08',
  'psy-usip|Soins intensifs psychiatriques|03|15|355|28|18a-120a|h24|002|cap=L8-15;noconsent',
  'psy-hdj|Hôpital de jour de psychiatrie adulte|03|11|229,231|29|18a-120a|office|002|cap=P10-25;sector=G',
  'cmp-adulte|CMP adultes|03|10|229|32|18a-120a,16a-120a|office|005|sector=G;mod=03,06',
  'cattp|CATTP|03|05|229,231|42|18a-120a|office|005|sector=G',
  'cmp-ij|CMP infanto-juvénile|03|10|227,228|32|0a-16a,0a-18a|office|005|sector=I;spec=02,03,11;prof=43',
  'hdj-pedopsy|Hôpital de jour pédopsychiatrique|03|11|227|29|3a-16a,0a-16a|office|002|cap=P8-20;sector=I;spec=02',
  'psy-ado|Hospitalisation pour adolescents|03|16|228|28|12a-18a|h24|002|cap=L8-16;sector=I;spec=01,62',
  'psy-ger|Psychiatrie du sujet âgé|03|16|051|28,29|65a-120a|h24|002|cap=L10-25',
  'psy-urg|Urgences psychiatriques|03|20|158,612|33|16a-120a|h24|005|noconsent',
  'emgp|Equipe mobile de géronto-psychiatrie|03|78|051|11|65a-120a|office|005|zones',
  'empp|Equipe mobile psychiatrie précarité|03|77|229|11|18a-120a|office|005|pub=06',
  'perinat-psy|Unité mère-enfant|03|119|230|28,29|15a-50a|h24|002|cap=L4-10',
])
