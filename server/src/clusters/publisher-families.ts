/**
 * Publisher families: outlets that belong to one publisher and count as one source (bbc.com and
 * bbc.co.uk). The table maps an outlet to its family; an outlet not in it is its own family.
 * Families are one level deep: a family is never itself mapped to another, so that what an
 * outlet counts as can be read off one row and the list says it plainly.
 */
import { ConflictError, InvalidInputError } from '../common/domain-error';

/** A host name: labels of letters, digits and inner hyphens, joined by dots ("bbc.co.uk", "reuters", "xn--mgbh0fb.xn--kgbechtv"). */
const OUTLET_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** `text` as an outlet or family name (trimmed, lower case), or a 400 that says what such a name looks like. */
export function outletName(text: string, field: 'outlet' | 'family'): string {
  const name = text.trim().toLowerCase();
  if (/^[a-z][a-z0-9+.-]*:\/\/|\//.test(name)) throw new InvalidInputError(`${field} must be a domain name such as "bbc.co.uk", not a URL or path`);
  if (name.length === 0 || name.length > 253 || !OUTLET_NAME.test(name)) {
    throw new InvalidInputError(`${field} must be a domain name such as "bbc.co.uk": letters, digits and hyphens in labels of at most 63 characters, joined by dots (at most 253 characters)`);
  }
  return name;
}

/** Refuses a change that would leave a family of families: the caller must name the family at the top. */
export function checkFamilyChange(families: ReadonlyMap<string, string>, outlet: string, family: string): void {
  if (outlet === family) throw new InvalidInputError(`family must be another outlet than ${outlet}; to let ${outlet} count on its own, DELETE /api/publisher-families/${outlet}`);
  const familyOfFamily = families.get(family);
  if (familyOfFamily) throw new ConflictError(`${family} itself counts as ${familyOfFamily}; give ${familyOfFamily} as the family of ${outlet}`);
  const members = [...families].filter(([, f]) => f === outlet).map(([o]) => o);
  if (members.length) throw new ConflictError(`${outlet} is the family of ${members.join(', ')}; move ${members.length === 1 ? 'it' : 'them'} to ${family} first`);
}
