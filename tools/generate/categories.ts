/**
 * Establishment categories (FINESS categories of JDV_J55, plus TRE_R02 SA05/SA07/SA08/SA09
 * for centres and cabinets) with their relative frequency and the offers they run.
 *
 * Category line: `category|label|weight|family|ej|groupP|groupSize|alpha|minPop|naming|content|flags`
 * - ej: weighted kinds of legal entity (`publicHospital:.7,nonProfit:.3`);
 * - groupP / groupSize: probability that the legal entity runs several establishments of the
 *   same family, and how many (same département);
 * - alpha / minPop: communes are drawn with weight population^alpha among those ≥ minPop;
 * - content: `offers=tpl:p[:min-max],…`, `services=svc:p,…` (hospital units, each an OI) or
 *   `ville=min-max:solo|group|multi` (liberal professionals);
 * - flags: `hosp` (drop zone / ORSAN level plausible).
 *
 * Service line (hospital units): `key|label|pôle|tpl:p[:min-max],…`.
 */

export const SERVICE_LINES = [
  'urgences|Urgences|Urgences - SAMU|urg-adulte:1:1-2,urg-ped:.35,smur:.6:1-2,psy-urg:.15',
  'maternite|Maternité|Femme-Mère-Enfant|obst-hc:1:1-2,obst-cs:1:1-2,salle-naissance:.8,neonat:.5:1-2,rea-neonat:.1,perinat-psy:.05',
  'pediatrie|Pédiatrie|Femme-Mère-Enfant|ped-hc:1:1-3,ped-hdj:.6,chir-ped:.2:1-2',
  'gyneco|Gynécologie|Femme-Mère-Enfant|gyn-hc:1:1-3',
  'cardiologie|Cardiologie|Médecine|cardio-hc:1:1-3,usic:.5,cardio-cs:.9:1-2',
  'pneumologie|Pneumologie|Médecine|pneumo-hc:1:1-3',
  'neurologie|Neurologie|Médecine|neuro-hc:1:1-3,usinv:.4',
  'gastro|Hépato-gastro-entérologie|Médecine|gastro-hc:1:1-3',
  'nephro|Néphrologie - dialyse|Médecine|nephro-hc:.7:1-2,dialyse-centre:.8,autodialyse:.3,dialyse-udm:.3',
  'medecine|Médecine|Médecine|med-poly:1:1-4,med-interne:.5:1-3,endoc-hdj:.5:1-2,pass:.4',
  'oncologie|Oncologie|Cancérologie|onco-hdj:1:1-2,onco-hc:.6:1-3,radiotherapie:.2',
  'geriatrie|Gériatrie|Gériatrie|ger-hc:1:1-3,emg:.7,ger-cs:.6',
  'soins-pall|Soins palliatifs|Médecine|usp:.6,emsp:.8',
  'addicto|Addictologie|Médecine|elsa:1',
  'ortho|Chirurgie orthopédique|Chirurgie|ortho-hc:1:1-3,ortho-amb:.8:1-2',
  'visceral|Chirurgie viscérale|Chirurgie|visc-hc:1:1-3,visc-amb:.8',
  'urologie|Urologie|Chirurgie|uro-hc:1:1-3',
  'ophtalmo|Ophtalmologie|Chirurgie|ophtalmo:1:1-3',
  'orl|ORL|Chirurgie|orl:1:1-2',
  'neurochir|Neurochirurgie|Chirurgie|neurochir:1:1-3',
  'rea|Réanimation|Anesthésie-Réanimation|rea:1:1-2,usc:.8:1-2',
  'imagerie|Imagerie|Médico-technique|imagerie:1:2-4,nucleaire:.15',
  'smr|SMR|SMR|smr-poly:1:1-2,smr-ger:.6:1-2,smr-loco:.3,smr-neuro:.2,smr-cardio:.15,smr-pneumo:.1',
  'smr-spe|SMR spécialisés|SMR|smr-loco:.7:1-2,smr-neuro:.5:1-2,smr-cardio:.4,smr-pneumo:.3,smr-nutri:.3,smr-addicto:.2,smr-ped:.15',
  'usld|Soins de longue durée|Gériatrie|usld:1:1-2',
  'psy-adulte|Psychiatrie adulte|Psychiatrie|psy-hc:1:2-5,psy-hdj:.7:1-2,cmp-adulte:.8:1-3,cattp:.5:1-2,psy-usip:.1,empp:.2',
  'pedopsy|Pédopsychiatrie|Psychiatrie|cmp-ij:1:1-3,hdj-pedopsy:.8:1-2,psy-ado:.3',
  'psy-ger|Psychiatrie du sujet âgé|Psychiatrie|psy-ger:1,emgp:.4',
  'had|HAD|HAD|had:1,had-pp:.2',
  'cegidd|CeGIDD|Santé publique|cegidd:1',
]

const CH_SERVICES =
  'urgences:.9,maternite:.6,pediatrie:.55,gyneco:.5,cardiologie:.8,pneumologie:.6,neurologie:.5,' +
  'gastro:.6,nephro:.4,medecine:1,oncologie:.5,geriatrie:.9,soins-pall:.6,addicto:.6,ortho:.7,' +
  'visceral:.7,urologie:.45,ophtalmo:.4,orl:.35,rea:.5,imagerie:.95,smr:.6,usld:.5,' +
  'psy-adulte:.35,pedopsy:.2,had:.2,cegidd:.2'
const CHU_SERVICES =
  'urgences:1,maternite:.95,pediatrie:.95,gyneco:.9,cardiologie:1,pneumologie:.95,neurologie:.95,' +
  'gastro:.95,nephro:.9,medecine:1,oncologie:.95,geriatrie:1,soins-pall:.8,addicto:.9,ortho:.95,' +
  'visceral:.95,urologie:.9,ophtalmo:.8,orl:.8,neurochir:.7,rea:1,imagerie:1,smr:.6,smr-spe:.4,' +
  'usld:.4,psy-adulte:.6,pedopsy:.5,psy-ger:.3,had:.3,cegidd:.5'
const CLINIC_SERVICES =
  'ortho:.8,visceral:.8,gyneco:.5,urologie:.45,ophtalmo:.4,cardiologie:.4,imagerie:.6,medecine:.5,' +
  'maternite:.3,urgences:.3,oncologie:.3,smr:.3,soins-pall:.15'

export const CATEGORY_LINES = [
  // Ville (champ 05)
  'SA07|Cabinet|230|ville|liberal:1|0|1-1|1|0|cabinet|ville=1-1:solo',
  'SA08|Cabinet de groupe|110|ville|liberal:1|0|1-1|1.05|0|cabinet|ville=2-6:group',
  'SA09|Exercice en société|40|ville|liberal:1|0|1-1|1.05|0|cabinet|ville=1-4:group',
  '603|Maison de santé pluriprofessionnelle|20|ville|liberal:1|0|1-1|0.9|0|centre|ville=5-14:multi',
  '124|Centre de santé|10|ville|municipal:.4,nonProfit:.4,commercial:.2|.2|2-4|1.2|5000|centre|ville=3-10:multi',
  'SA05|Centre de santé|5|ville|municipal:.4,nonProfit:.6|0|1-1|1.2|5000|centre|ville=3-8:multi',
  // Sanitaire
  `355|Centre hospitalier|17|hosp-public|publicHospital:1|.35|2-3|1.2|3000|ch|services=${CH_SERVICES}|hosp`,
  `101|CHU|2|hosp-public|publicHospital:1|.6|2-4|2|100000|chu|services=${CHU_SERVICES}|hosp`,
  '106|Centre hospitalier|4|hosp-public|publicHospital:1|0|1-1|0.7|1000|ch|services=medecine:1,smr:.7,usld:.5,geriatrie:.6,imagerie:.3',
  `365|Clinique|9.5|clinic|commercial:.75,nonProfit:.25|.3|2-5|1.3|10000|clinic|services=${CLINIC_SERVICES}|hosp`,
  '128|Clinique chirurgicale|3|clinic|commercial:.85,nonProfit:.15|.3|2-4|1.3|10000|clinic|services=ortho:.9,visceral:.8,gyneco:.5,urologie:.5,ophtalmo:.5,orl:.3,imagerie:.3',
  '129|Clinique médicale|2.5|clinic|commercial:.6,nonProfit:.4|.2|2-3|1.2|8000|clinic|services=medecine:.9,cardiologie:.3,gastro:.3,pneumologie:.3,soins-pall:.25,oncologie:.2',
  '131|Centre de lutte contre le cancer|0.2|clinic|nonProfit:1|0|1-1|2|150000|clinic|services=oncologie:1,imagerie:1,soins-pall:.9,visceral:.5,gyneco:.5|hosp',
  '122|Clinique obstétricale|0.3|clinic|commercial:.7,nonProfit:.3|0|1-1|1.3|20000|clinic|services=maternite:1,gyneco:.7',
  '109|Centre de réadaptation|11|clinic|commercial:.55,nonProfit:.45|.3|2-4|0.9|2000|smr|services=smr:.8,smr-spe:.7',
  '292|Centre hospitalier spécialisé|1.2|psy-public|publicHospital:1|.9|3-12|1.2|10000|psy|services=psy-adulte:1,pedopsy:.8,psy-ger:.5,addicto:.3,urgences:.05',
  '161|Clinique psychiatrique|1.5|clinic|commercial:.7,nonProfit:.3|.2|2-3|1.2|10000|psy|services=psy-adulte:1,psy-ger:.2',
  '156|Centre médico-psychologique|30|psy-public|publicHospital:1|0|1-1|0.9|1500|psy|offers=cmp-adulte:.6,cmp-ij:.5,cattp:.25,hdj-pedopsy:.12,psy-hdj:.12',
  '425|CATTP|12|psy-public|publicHospital:1|0|1-1|0.9|1500|psy|offers=cattp:1,cmp-adulte:.2',
  '127|HAD|3|hosp-public|publicHospital:.4,nonProfit:.4,commercial:.2|0|1-1|1.2|20000|home|offers=had:1,had-pp:.2',
  '141|Centre de dialyse|4|clinic|nonProfit:.6,commercial:.4|.3|2-5|1.2|10000|clinic|offers=dialyse-centre:1,dialyse-udm:.5,autodialyse:.6',
  '146|Unité d’autodialyse|5|clinic|nonProfit:.7,commercial:.3|0|1-1|1|5000|clinic|offers=autodialyse:1,dialyse-udm:.3',
  '362|Unité de soins de longue durée|1|hosp-public|publicHospital:1|0|1-1|0.8|2000|ch|offers=usld:1:1-2',
  '638|CeGIDD|2|prevention|publicHospital:.6,nonProfit:.4|0|1-1|1.3|20000|centre|offers=cegidd:1',
  '228|Centre de santé sexuelle|8|prevention|publicMs:.6,nonProfit:.4|0|1-1|1.1|5000|centre|offers=css:1',
  '645|Centre de vaccination|3|prevention|municipal:.7,publicHospital:.3|0|1-1|1.2|10000|centre|offers=vaccination:1',
  '637|Centre de lutte antituberculeuse|1|prevention|publicMs:1|0|1-1|1.3|20000|centre|offers=clat:1',
  '617|Lieu de soins non programmés|3|coordination|liberal:.6,commercial:.4|0|1-1|1.2|10000|centre|offers=snp:1',
  '604|CPTS|4|coordination|nonProfit:1|0|1-1|0.8|3000|centre|offers=cpts:1',
  '606|Dispositif d’appui à la coordination|1.2|coordination|nonProfit:1|0|1-1|1.1|10000|centre|offers=dac:1',
  // Médico-social, personnes âgées
  '500|EHPAD|75|pa|publicMs:.45,nonProfit:.3,commercial:.25|.25|2-12|0.85|0|ehpad|offers=ehpad-hp:1:1-2,ehpad-ht:.7,ehpad-uvp:.4,ehpad-pasa:.35,ehpad-adj:.35,ehpad-uhr:.08',
  '202|Résidence autonomie|22|pa|publicMs:.6,nonProfit:.3,commercial:.1|.2|2-5|0.9|0|ehpad|offers=ra:1,ehpad-ht:.1,cj-pa:.1',
  '207|Accueil de jour|3|pa|publicMs:.5,nonProfit:.5|0|1-1|0.9|2000|ms|offers=cj-pa:1',
  '354|SSIAD|21|pa|nonProfit:.6,publicMs:.4|.3|2-4|0.8|0|home|offers=ssiad-pa:1,ssiad-ph:.4,esa:.35',
  '460|Service autonomie aide|40|pa|nonProfit:.5,commercial:.35,publicMs:.15|.3|2-6|0.9|0|home|offers=sad-aide:1:1-2,portage:.25,teleassistance:.15',
  '209|Service autonomie aide et soins|8|pa|nonProfit:.7,publicMs:.3|.2|2-3|0.9|0|home|offers=sad-soins:1,esa:.2',
  '463|CLIC|3|coordination|publicMs:.7,nonProfit:.3|0|1-1|0.9|3000|centre|offers=clic:1',
  // Médico-social, enfants en situation de handicap
  '183|IME|12|ph-child|nonProfit:.9,publicMs:.1|.5|2-5|0.9|1000|ms|offers=ime-semi:1:1-2,ime-internat:.55,uee:.4,sessad:.3',
  '186|ITEP|4.5|ph-child|nonProfit:.9,publicMs:.1|.5|2-4|0.9|1000|ms|offers=itep:1',
  '182|SESSAD|18|ph-child|nonProfit:.9,publicMs:.1|.5|2-5|1|2000|home|offers=sessad:1:1-2',
  '190|CAMSP|3.5|ph-child|nonProfit:.6,publicHospital:.4|0|1-1|1.2|10000|ms|offers=camsp:1',
  '189|CMPP|4.5|ph-child|nonProfit:1|.3|2-3|1.1|5000|ms|offers=cmpp:1',
  '192|Institut d’éducation motrice|1.5|ph-child|nonProfit:1|0|1-1|1|5000|ms|offers=iem:1,sessad:.3',
  '188|Etablissement pour enfants polyhandicapés|2|ph-child|nonProfit:1|0|1-1|1|2000|ms|offers=eeap:1',
  '194|Institut pour déficients visuels|0.8|ph-child|nonProfit:1|0|1-1|1.3|20000|ms|offers=idv:1',
  '195|Institut pour déficients auditifs|1|ph-child|nonProfit:.8,publicMs:.2|0|1-1|1.3|20000|ms|offers=ida:1',
  // Médico-social, adultes en situation de handicap
  '255|MAS|7|ph-adult|nonProfit:.85,publicMs:.15|.4|2-4|0.8|0|ms|offers=mas:1:1-2,at-ph:.25',
  '437|FAM|8.5|ph-adult|nonProfit:.85,publicMs:.15|.4|2-4|0.8|0|ms|offers=fam:1:1-2,at-ph:.2',
  '448|EAM|4|ph-adult|nonProfit:.9,publicMs:.1|.4|2-4|0.8|0|ms|offers=fam:1',
  '382|Foyer de vie|14|ph-adult|nonProfit:.85,publicMs:.15|.5|2-5|0.8|0|ms|offers=foyer-vie:1:1-2,at-ph:.25',
  '252|Foyer d’hébergement|12|ph-adult|nonProfit:.9,publicMs:.1|.5|2-5|0.9|0|ms|offers=foyer-heb:1:1-2,at-ph:.15',
  '449|EANM|4|ph-adult|nonProfit:.9,publicMs:.1|.4|2-4|0.8|0|ms|offers=eanm:1',
  '246|ESAT|15|ph-adult|nonProfit:.9,publicMs:.1|.5|2-5|0.9|1000|ms|offers=esat:1:1-3',
  '446|SAVS|13|ph-adult|nonProfit:.9,publicMs:.1|.5|2-4|1|2000|home|offers=savs:1:1-2',
  '445|SAMSAH|4|ph-adult|nonProfit:1|.4|2-3|1|5000|home|offers=samsah:1',
  '395|Accueil temporaire adultes handicapés|1|ph-adult|nonProfit:1|0|1-1|1|5000|ms|offers=at-ph:1',
  '249|ESRP|1|ph-adult|nonProfit:1|0|1-1|1.2|10000|ms|offers=esrp:1',
  // Addictions, précarité, jeunes
  '197|CSAPA|5|social|nonProfit:.7,publicHospital:.3|.3|2-4|1.2|10000|centre|offers=csapa:1,cjc:.4',
  '178|CAARUD|1.5|social|nonProfit:1|0|1-1|1.4|30000|centre|offers=caarud:1',
  '180|Lits halte soins santé|2|social|nonProfit:1|0|1-1|1.3|20000|ms|offers=lhss:1',
  '213|Lits d’accueil médicalisés|0.7|social|nonProfit:1|0|1-1|1.3|20000|ms|offers=lam:1',
  '165|Appartements de coordination thérapeutique|2|social|nonProfit:1|0|1-1|1.2|10000|ms|offers=act:1',
  '462|Lieu de vie et d’accueil|3.5|social|nonProfit:1|0|1-1|0.6|0|ms|offers=lva:1',
  '223|Protection maternelle et infantile|12|prevention|publicMs:1|.6|3-10|1|2000|centre|offers=pmi:1:1-2,pmi-prenat:.5',
  '701|Maison des adolescents|1|prevention|nonProfit:.6,publicHospital:.4|0|1-1|1.3|20000|centre|offers=mda:1',
  '702|Point accueil écoute jeunes|2|prevention|nonProfit:1|0|1-1|1.1|5000|centre|offers=paej:1',
]
