import { containment, isNearDuplicate, resemblance, shingles, withoutDateline } from './copies';

/** A Reuters story as the wire sent it. */
const wire = {
  title: 'Gunmen free more than 200 inmates in attack on Nigerian prison',
  summary:
    'Gunmen attacked a prison in central Nigeria late on Sunday and freed more than 200 inmates after a gunfight with guards, the prisons service said on Monday. ' +
    'The attackers used explosives to breach the outer wall of the Kuje medium security prison near the capital Abuja, spokesman Umar Abubakar said. ' +
    'Security forces recaptured 40 of the escaped inmates overnight and a search for the others was under way. ' +
    'No group has claimed responsibility for the attack.',
};

/** Outlets that republished it. */
const syndicated = {
  'the same title, with the dateline added': {
    title: 'Gunmen free more than 200 inmates in attack on Nigerian prison',
    summary: `ABUJA (Reuters) - ${wire.summary}`,
  },
  'a retouched title and the last sentence trimmed': {
    title: 'Nigeria: gunmen free over 200 inmates in prison attack',
    summary: wire.summary.replace(' No group has claimed responsibility for the attack.', ''),
  },
  'a new title, a dated dateline and only the first two sentences': {
    title: 'Gunmen free 200 inmates in Nigerian prison attack - prisons service',
    summary:
      'ABUJA, July 5 (Reuters) - Gunmen attacked a prison in central Nigeria late on Sunday and freed more than 200 inmates after a gunfight with guards, the prisons service said on Monday. ' +
      'The attackers used explosives to breach the outer wall of the Kuje medium security prison near the capital Abuja, spokesman Umar Abubakar said.',
  },
};

/** Other outlets' own reporting of the same event. */
const independent = {
  'a different angle and other figures': {
    title: 'Hundreds escape after jihadists storm Kuje prison outside Abuja',
    summary:
      'Suspected jihadists stormed the Kuje correctional centre on the outskirts of Abuja on Sunday night, setting off explosions and freeing hundreds of prisoners, ' +
      'including dozens of Boko Haram members, officials told reporters. Interior minister Rauf Aregbesola visited the prison on Monday and said 443 inmates had escaped.',
  },
  'the same facts in other words': {
    title: 'Nigeria prison attack: inmates on the run after Kuje jailbreak',
    summary:
      "More than 200 inmates are on the run after an overnight attack on a prison near Abuja, Nigeria's capital. " +
      'Witnesses said heavy gunfire and explosions were heard for about an hour. Guards were overwhelmed, a prisons official told the BBC.',
  },
  'the wire headline over its own body': {
    title: 'Gunmen free more than 200 inmates in attack on Nigerian prison',
    summary:
      'Armed men attacked the Kuje prison near Abuja and more than 200 prisoners escaped, according to a spokesman of the correctional service who spoke to AFP. ' +
      'A soldier and a guard were killed.',
  },
};

describe('isNearDuplicate', () => {
  it.each(Object.entries(syndicated))('takes a syndicated copy with %s for the wire story', (_, copy) => {
    expect(isNearDuplicate(wire, copy)).toBe(true);
    expect(isNearDuplicate(copy, wire)).toBe(true);
  });

  it('takes two outlets’ copies of one wire story for each other', () => {
    const copies = Object.values(syndicated);
    for (const a of copies) for (const b of copies) expect(isNearDuplicate(a, b)).toBe(true);
  });

  it.each(Object.entries(independent))('does not take independent reporting (%s) for a copy', (_, report) => {
    expect(isNearDuplicate(wire, report)).toBe(false);
    for (const copy of Object.values(syndicated)) expect(isNearDuplicate(copy, report)).toBe(false);
  });

  it('does not take two independent reports of the same event for each other', () => {
    const reports = Object.values(independent);
    expect(isNearDuplicate(reports[0], reports[1])).toBe(false);
    expect(isNearDuplicate(reports[1], reports[2])).toBe(false);
    expect(isNearDuplicate(reports[0], reports[2])).toBe(false);
  });

  it('takes an Arabic copy that spells hamza and ta marbuta differently, with its own dateline, for the original', () => {
    const original = {
      title: 'فرار أكثر من 200 سجين إثر هجوم مسلح على سجن في نيجيريا',
      summary:
        'قالت مصلحة السجون في نيجيريا يوم الإثنين إن مسلحين هاجموا سجنا في وسط البلاد في وقت متأخر من مساء الأحد وأطلقوا سراح أكثر من 200 نزيل بعد تبادل لإطلاق النار مع الحراس. ' +
        'وأضاف المتحدث باسم المصلحة أن المهاجمين استخدموا متفجرات لاختراق السور الخارجي لسجن كوجي قرب العاصمة أبوجا.',
    };
    const copy = {
      title: 'نيجيريا: فرار اكثر من 200 سجين اثر هجوم مسلح على سجن',
      summary:
        'أبوجا (رويترز) - قالت مصلحة السجون في نيجيريا يوم الاثنين ان مسلحين هاجموا سجنا في وسط البلاد في وقت متأخر من مساء الأحد واطلقوا سراح اكثر من 200 نزيل بعد تبادل لاطلاق النار مع الحراس. ' +
        'واضاف المتحدث باسم المصلحه ان المهاجمين استخدموا متفجرات لاختراق السور الخارجي لسجن كوجي قرب العاصمة ابوجا.',
    };
    const ownReport = {
      title: 'هجوم على سجن كوجي قرب أبوجا وهروب مئات النزلاء',
      summary:
        'شن مسلحون يشتبه في انتمائهم لجماعة بوكو حرام هجوما ليليا على سجن كوجي، وأكد وزير الداخلية أن 443 سجينا فروا وأن قوات الأمن أعادت القبض على عدد منهم.',
    };
    expect(isNearDuplicate(original, copy)).toBe(true);
    expect(isNearDuplicate(original, ownReport)).toBe(false);
    expect(isNearDuplicate(copy, ownReport)).toBe(false);
  });

  it('takes a French AFP dispatch republished under another title for the dispatch', () => {
    const dispatch = {
      title: 'Nigeria : plus de 200 détenus s’évadent après une attaque contre une prison',
      summary:
        'Des hommes armés ont attaqué dimanche soir une prison du centre du Nigeria et libéré plus de 200 détenus après des échanges de tirs avec les gardiens, a annoncé lundi l’administration pénitentiaire. ' +
        'Les assaillants ont utilisé des explosifs pour percer le mur d’enceinte de la prison de Kuje, près de la capitale Abuja, selon un porte-parole.',
    };
    const copy = {
      title: 'Évasion massive au Nigeria après l’attaque d’une prison',
      summary:
        'Abuja (AFP) - Des hommes armés ont attaqué dimanche soir une prison du centre du Nigeria et libéré plus de 200 détenus après des échanges de tirs avec les gardiens, a annoncé lundi l’administration pénitentiaire. ' +
        'Les assaillants ont utilisé des explosifs pour percer le mur d’enceinte de la prison de Kuje, près de la capitale Abuja, selon un porte-parole.',
    };
    const ownReport = {
      title: 'Nigeria : des centaines de prisonniers en fuite après l’assaut de la prison de Kuje',
      summary:
        'Le ministre de l’Intérieur, Rauf Aregbesola, a indiqué lundi que 443 prisonniers s’étaient échappés de la prison de Kuje, attaquée dans la nuit par des jihadistes présumés. Une partie a déjà été reprise.',
    };
    expect(isNearDuplicate(dispatch, copy)).toBe(true);
    expect(isNearDuplicate(dispatch, ownReport)).toBe(false);
  });

  it('does not call two short, identical headlines with nothing else a copy', () => {
    expect(isNearDuplicate({ title: 'Live updates', summary: '' }, { title: 'Live updates', summary: '' })).toBe(false);
  });

  it('takes two title-only items with the same full headline for copies', () => {
    const a = { title: 'Gunmen free more than 200 inmates in attack on Nigerian prison', summary: '' };
    expect(isNearDuplicate(a, { ...a, title: a.title.toUpperCase() })).toBe(true);
  });
});

describe('shingles and resemblance', () => {
  it('compares texts in the shared normalised form: case, diacritics and punctuation do not count', () => {
    expect(shingles('Évasion à la prison de Kuje!')).toEqual(shingles('evasion a la PRISON de kuje'));
    expect(shingles('إصابة 30 شخصا')).toEqual(shingles('اصابه 30 شخصا'));
  });

  it('gives a text shorter than a shingle one shingle and an empty text none', () => {
    expect(shingles('Kuje prison')).toHaveLength(1);
    expect(shingles('  — ')).toEqual([]);
  });

  it('returns distinct shingles in ascending order', () => {
    const s = shingles('the prison the prison the prison was attacked');
    expect(s).toEqual([...new Set(s)].sort((x, y) => x - y));
    expect(s.every((h) => Number.isInteger(h) && h >= 0 && h < 2 ** 32)).toBe(true);
  });

  it('is 1 for the same text, 0 for texts with nothing in common, and symmetric', () => {
    const a = shingles(wire.summary);
    const b = shingles(independent['the same facts in other words'].summary);
    expect(resemblance(a, a)).toBe(1);
    expect(resemblance(shingles('one two three four'), shingles('five six seven eight'))).toBe(0);
    expect(resemblance(a, b)).toBeCloseTo(resemblance(b, a));
    expect(resemblance(a, [])).toBe(0);
  });

  it('measures how much of the shorter text the longer one contains', () => {
    const whole = shingles(wire.summary);
    const firstSentence = shingles(wire.summary.split('. ')[0]);
    expect(containment(whole, firstSentence)).toBe(1);
    expect(resemblance(whole, firstSentence)).toBeLessThan(0.5);
  });
});

describe('withoutDateline', () => {
  it.each([
    ['ABUJA (Reuters) - Gunmen attacked', 'Gunmen attacked'],
    ['ABUJA, July 5 (Reuters) — Gunmen attacked', 'Gunmen attacked'],
    ['Bamako (AFP) - Des hommes armés', 'Des hommes armés'],
    ['بيروت (رويترز) - قال مسؤولون', 'قال مسؤولون'],
    ['Gunmen (some in uniform) attacked', 'Gunmen (some in uniform) attacked'],
  ])('strips the dateline of %j', (text, body) => {
    expect(withoutDateline(text)).toBe(body);
  });
});
