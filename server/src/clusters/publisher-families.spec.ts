import { ConflictError, InvalidInputError } from '../common/domain-error';
import { checkFamilyChange, outletName } from './publisher-families';

describe('outletName', () => {
  it.each([
    ['bbc.co.uk', 'bbc.co.uk'],
    ['  BBC.com ', 'bbc.com'],
    ['reuters', 'reuters'],
    ['someone.blogspot.com', 'someone.blogspot.com'],
    ['xn--mgbh0fb.xn--kgbechtv', 'xn--mgbh0fb.xn--kgbechtv'],
  ])('takes %j as %j', (text, name) => {
    expect(outletName(text, 'outlet')).toBe(name);
  });

  it.each([
    ['https://www.bbc.co.uk/news', /family must be a domain name such as "bbc.co.uk", not a URL or path/],
    ['bbc.co.uk/news', /not a URL or path/],
    ['', /family must be a domain name such as "bbc.co.uk": letters, digits and hyphens/],
    ['bbc..com', /letters, digits and hyphens/],
    ['-bbc.com', /letters, digits and hyphens/],
    ['bbc com', /letters, digits and hyphens/],
    [`${'a'.repeat(64)}.com`, /at most 63 characters/],
    [`${'abc.'.repeat(64)}com`, /at most 253 characters/],
  ])('refuses %j with a 400 that says what a name looks like', (text, message) => {
    expect(() => outletName(text, 'family')).toThrow(InvalidInputError);
    expect(() => outletName(text, 'family')).toThrow(message);
  });
});

describe('checkFamilyChange', () => {
  const families = new Map([
    ['bbc.com', 'bbc.co.uk'],
    ['bbci.co.uk', 'bbc.co.uk'],
  ]);

  it('accepts another outlet into a family, or an outlet moving to another family', () => {
    expect(() => checkFamilyChange(families, 'bbc.in', 'bbc.co.uk')).not.toThrow();
    expect(() => checkFamilyChange(families, 'bbc.com', 'bbc.in')).not.toThrow();
  });

  it('refuses an outlet as its own family, and says how to make it count on its own', () => {
    expect(() => checkFamilyChange(families, 'bbc.com', 'bbc.com')).toThrow(/family must be another outlet than bbc.com; to let bbc.com count on its own, DELETE \/api\/publisher-families\/bbc.com/);
  });

  it('refuses a family of families, naming the family at the top or the members to move first', () => {
    expect(() => checkFamilyChange(families, 'bbc.in', 'bbc.com')).toThrow(ConflictError);
    expect(() => checkFamilyChange(families, 'bbc.in', 'bbc.com')).toThrow('bbc.com itself counts as bbc.co.uk; give bbc.co.uk as the family of bbc.in');
    expect(() => checkFamilyChange(families, 'bbc.co.uk', 'bbc.in')).toThrow('bbc.co.uk is the family of bbc.com, bbci.co.uk; move them to bbc.in first');
  });
});
