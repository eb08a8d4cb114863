/**
 * Word lists for fictitious names and addresses (common French first names, surnames, street
 * names and the usual names of care homes). Every generated person, organisation and street
 * is an invention: combinations are random and the data set is labelled as fictitious.
 */
import type { Rng } from './prng'

const GIVEN_F = (
  'Marie Nathalie Isabelle Sylvie Catherine Sophie Christine Céline Sandrine Valérie Julie ' +
  'Camille Émilie Aurélie Claire Anne Laure Élodie Caroline Hélène Pauline Léa Chloé Manon ' +
  'Sarah Inès Clara Juliette Agathe Margaux Lucie Mathilde Charlotte Anaïs Élise Louise ' +
  'Nadia Fatima Leïla Yasmine Karine Delphine Virginie Stéphanie Audrey Marion Émilie Mélanie'
).split(' ')

const GIVEN_M = (
  'Jean Pierre Michel Philippe Alain Nicolas Christophe Laurent Frédéric Stéphane Olivier ' +
  'Julien Sébastien Thomas David Éric Vincent François Guillaume Antoine Maxime Alexandre ' +
  'Romain Mathieu Hugo Lucas Louis Arthur Paul Gabriel Raphaël Théo Baptiste Benoît Damien ' +
  'Karim Mehdi Youssef Samir Bruno Patrick Thierry Cédric Jérôme Yann Loïc Arnaud Fabrice'
).split(' ')

const FAMILY = (
  'MARTIN BERNARD THOMAS PETIT ROBERT RICHARD DURAND DUBOIS MOREAU LAURENT SIMON MICHEL ' +
  'LEFEBVRE LEROY ROUX DAVID BERTRAND MOREL FOURNIER GIRARD BONNET DUPONT LAMBERT FONTAINE ' +
  'ROUSSEAU VINCENT MULLER LEFÈVRE FAURE ANDRÉ MERCIER BLANC GUÉRIN BOYER GARNIER CHEVALIER ' +
  'FRANÇOIS LEGRAND GAUTHIER GARCIA PERRIN ROBIN CLÉMENT MORIN NICOLAS HENRY ROUSSEL MATHIEU ' +
  'GAUTIER MASSON MARCHAND DUVAL DENIS DUMONT MARIE LEMAIRE NOËL MEYER DUFOUR MEUNIER BRUN ' +
  'BLANCHARD GIRAUD JOLY RIVIÈRE LUCAS BRUNET GAILLARD BARBIER ARNAUD MARTINEZ GÉRARD ROCHE ' +
  'RENARD SCHMITT ROY LEROUX COLIN VIDAL CARON PICARD ROGER FABRE AUBERT LEMOINE RENAUD ' +
  'DUMAS LACROIX OLIVIER PHILIPPE BOURGEOIS PIERRE BENOÎT REY LECLERC PAYET ROLLAND LECLERCQ ' +
  'GUILLAUME LECOMTE LOPEZ JEAN DUPUY GUILLOT HUBERT BERGER CARPENTIER SANCHEZ DUPUIS MOULIN ' +
  'LOUIS DESCHAMPS HUET VASSEUR PEREZ BOUCHER FLEURY ROYER KLEIN JACQUET ADAM PARIS POIRIER ' +
  'MARTY AUBRY GUYOT CARRÉ CHARLES RENAULT CHARPENTIER MÉNARD MAILLARD BARON BERTIN BAILLY ' +
  'HERVÉ SCHNEIDER FERNANDEZ LE GALL COLLET LÉGER BOUVIER JULIEN PRÉVOST MILLET PERROT ' +
  'DANIEL LE ROUX COUSIN GERMAIN BRETON BESSON LANGLOIS RÉMY LE GOFF PELLETIER LÉVÊQUE PERRIER'
)
  .replace(/LE (GALL|ROUX|GOFF)/g, 'LE_$1')
  .split(' ')
  .map((n) => n.replace('_', ' '))

const NATURE = (
  'Les Tilleuls|Les Jardins du Parc|La Roseraie|Le Clos Fleuri|Les Charmilles|Les Glycines|' +
  'Le Val Fleuri|Les Lilas|Les Cèdres|Les Hortensias|L’Orée du Bois|Les Marronniers|' +
  'Les Bruyères|La Source|Les Vignes|Le Moulin|Les Coquelicots|Les Peupliers|Les Acacias|' +
  'Le Bois Joli|Les Myosotis|La Colline|Les Saules|Le Verger|Les Trois Chênes|La Pinède|' +
  'Les Camélias|Le Belvédère|Les Magnolias|La Clairière|Les Mimosas|Le Château|Les Oliviers|' +
  'La Prairie|Les Platanes|Les Églantines|Le Parc|Les Sources|La Fontaine|Les Aubépines'
).split('|')

const SAINTS = (
  'Saint-Joseph|Sainte-Marie|Saint-Jean|Saint-Louis|Sainte-Anne|Saint-Vincent|Saint-Martin|' +
  'Saint-Pierre|Sainte-Thérèse|Saint-Luc|Saint-François|Sainte-Claire|Saint-Michel|Saint-Paul'
).split('|')

const STREET_TYPES = [
  'rue',
  'rue',
  'rue',
  'avenue',
  'boulevard',
  'place',
  'chemin',
  'allée',
  'route',
  'impasse',
  'quai',
]

const STREETS = (
  'du Général de Gaulle|Jean Jaurès|Victor Hugo|de la République|Pasteur|de la Gare|des Écoles|' +
  'de l’Église|du Moulin|Gambetta|Jules Ferry|Foch|Carnot|de la Libération|du 8 Mai 1945|' +
  'des Tilleuls|de Verdun|du Stade|Émile Zola|Saint-Martin|de la Mairie|des Lilas|du Château|' +
  'Léon Blum|Aristide Briand|Anatole France|Louis Pasteur|de l’Hôpital|du Maréchal Leclerc|' +
  'Voltaire|Jean Moulin|des Acacias|de la Paix|Georges Clemenceau|du Commerce|des Peupliers|' +
  'de la Fontaine|du Parc|des Jardins|Paul Bert|Camille Desmoulins|de Lattre de Tassigny|' +
  'Marcel Pagnol|Simone Veil|Pierre Curie|Marie Curie|de Bretagne|de Normandie|des Vergers'
).split('|')

const BRANDS = (
  'Résidalia|Sénioria|Vivaldi Santé|Groupe Hestia|Arcadie Santé|Cliniques du Val|' +
  'Santé Horizon|Groupe Aubépine|Domaine des Aînés|Médicalia|Kératis Santé|Alizé Soins'
).split('|')

const ASSOCIATIONS = (
  'Association départementale des amis et parents de personnes handicapées|' +
  'Association pour l’accompagnement et le soin|Fondation Les Sources|Association Le Phare|' +
  'Association Trait d’Union|Fondation Horizon Solidaire|Association Entraide et Santé|' +
  'Association Familles Rurales Santé|Mutualité Santé Services|Association Les Amis du Foyer|' +
  'Fondation Saint-Vincent|Association Aide et Présence'
).split('|')

export interface PersonName {
  given: string
  family: string
  gender: 'female' | 'male'
}

export function personName(rng: Rng): PersonName {
  const gender = rng.chance(0.55) ? 'female' : 'male'
  return {
    given: rng.pick(gender === 'female' ? GIVEN_F : GIVEN_M),
    family: rng.pick(FAMILY),
    gender,
  }
}

export const natureName = (rng: Rng): string => rng.pick(NATURE)
export const saintName = (rng: Rng): string => rng.pick(SAINTS)
export const brandName = (rng: Rng): string => rng.pick(BRANDS)
export const associationName = (rng: Rng): string => rng.pick(ASSOCIATIONS)

export interface Street {
  number: string
  type: string
  base: string
}

export function street(rng: Rng): Street {
  const n = rng.chance(0.08) ? '' : String(rng.int(1, rng.chance(0.8) ? 60 : 250))
  const suffix = n !== '' && rng.chance(0.05) ? ' bis' : ''
  return { number: n + suffix, type: rng.pick(STREET_TYPES), base: rng.pick(STREETS) }
}

/** `Sainte-Anne` → `sainte-anne`, accents and spaces folded for e-mail addresses. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/** French « de » with elision and contraction: de Bourges, d’Orléans, du Havre, des Abymes. */
export function de(word: string): string {
  if (word.startsWith('Le ')) return `du ${word.slice(3)}`
  if (word.startsWith('Les ')) return `des ${word.slice(4)}`
  if (/^[AEIOUYÂÉÈÊÎÔaeiouyâéèêîôHh]/.test(word)) return `d’${word}`
  return `de ${word}`
}
