import { extractFigures, Figure } from './figures';

type Expected = [Figure['what'], number, string][];

function figuresOf(text: string): Expected {
  return extractFigures(text).map((f) => [f.what, f.value, f.text]);
}

describe('extractFigures in English', () => {
  it.each<[string, Expected]>([
    ['At least 12 people were killed and 30 wounded in an air strike on Tuesday.', [['killed', 12, 'At least 12 people'], ['wounded', 30, '30']]],
    ['The blast killed 12 people and wounded 30 others, officials said.', [['killed', 12, '12 people'], ['wounded', 30, '30 others']]],
    ['Two soldiers were killed, three others injured.', [['killed', 2, 'Two soldiers'], ['wounded', 3, 'three others']]],
    ['Two people died and 14 were injured, including 3 children.', [['killed', 2, 'Two people'], ['wounded', 14, '14']]],
    ['Gunmen freed 281 inmates who escaped from the prison in Kirikiri.', [['escaped', 281, '281 inmates']]],
    ['281 inmates broke out of the jail overnight.', [['escaped', 281, '281 inmates']]],
    ['About 200 prisoners fled after the attack.', [['escaped', 200, 'About 200 prisoners']]],
    ['Dozens were killed in clashes near the border.', [['killed', 24, 'Dozens']]],
    ['Hundreds of families fled their homes.', [['displaced', 200, 'Hundreds']]],
    ['Scores of people were abducted by gunmen.', [['detained', 40, 'Scores']]],
    ['Police arrested 1,200 protesters in the capital.', [['detained', 1200, '1,200 protesters']]],
    ['Fifty-two people were kidnapped from a church.', [['detained', 52, 'Fifty-two people']]],
    ['Tens of thousands have been displaced by fighting since October.', [['displaced', 20000, 'Tens of thousands']]],
    ['Some 1.5 million people have been displaced.', [['displaced', 1500000, 'Some 1.5 million people']]],
    ['Authorities transferred 300 detainees to another prison.', [['transferred', 300, '300 detainees']]],
    ['The inmates were relocated; more than 450 were moved to Kaduna.', [['transferred', 450, 'more than 450']]],
    ['The death toll rose to 45.', [['killed', 45, '45']]],
    ['Two hundred and fifty people were held overnight.', [['detained', 250, 'Two hundred and fifty people']]],
    ['A dozen guards were wounded.', [['wounded', 12, 'A dozen guards']]],
    ['Lagos blast leaves 12 dead, 30 hurt', [['killed', 12, '12'], ['wounded', 30, '30']]],
    ['Gunmen stormed the village, killing 12 and wounding 30.', [['killed', 12, '12'], ['wounded', 30, '30']]],
    ['The army said it had arrested 47 suspects and killed 9 militants.', [['detained', 47, '47 suspects'], ['killed', 9, '9 militants']]],
    ['Death toll from Gaza strike climbs to 25', [['killed', 25, '25']]],
    ['Over 100,000 people have fled to Chad since April 15.', [['displaced', 100000, 'Over 100,000 people']]],
  ])('reads %j', (text, expected) => {
    expect(figuresOf(text)).toEqual(expected);
  });
});

describe('extractFigures in French', () => {
  it.each<[string, Expected]>([
    ["Au moins 12 personnes ont été tuées et 30 blessées dans l'attaque.", [['killed', 12, 'Au moins 12 personnes'], ['wounded', 30, '30']]],
    ["L'attaque a fait 45 morts et 60 blessés le 12 mars 2024.", [['killed', 45, '45'], ['wounded', 60, '60']]],
    ['281 détenus se sont évadés de la prison centrale.', [['escaped', 281, '281 détenus']]],
    ['Vingt prisonniers se sont enfuis.', [['escaped', 20, 'Vingt prisonniers']]],
    ['Une dizaine de soldats ont été tués lundi.', [['killed', 10, 'Une dizaine']]],
    ['Des dizaines de civils ont été blessés.', [['wounded', 24, 'Des dizaines']]],
    ["Plusieurs centaines d'habitants ont fui leurs villages.", [['displaced', 200, "Plusieurs centaines d'habitants"]]],
    ['Douze policiers ont été enlevés près de Gao.', [['detained', 12, 'Douze policiers']]],
    ['Cent migrants ont été transférés vers un autre centre.', [['transferred', 100, 'Cent migrants']]],
    ['La police a interpellé 1 200 manifestants.', [['detained', 1200, '1 200 manifestants']]],
    ['Quatre-vingt-dix personnes ont été arrêtées.', [['detained', 90, 'Quatre-vingt-dix personnes']]],
    ['Plus de 2 000 personnes ont été déplacées.', [['displaced', 2000, 'Plus de 2 000 personnes']]],
    ["L'armée affirme avoir neutralisé 15 terroristes et arrêté 8 suspects", [['killed', 15, '15 terroristes'], ['detained', 8, '8 suspects']]],
    ['Au Mali, une attaque jihadiste fait au moins 20 morts', [['killed', 20, 'au moins 20']]],
    ['Soixante-douze personnes sont mortes et vingt-trois ont été blessées.', [['killed', 72, 'Soixante-douze personnes'], ['wounded', 23, 'vingt-trois']]],
  ])('reads %j', (text, expected) => {
    expect(figuresOf(text)).toEqual(expected);
  });
});

describe('extractFigures in Arabic', () => {
  it.each<[string, Expected]>([
    ['قتل 12 شخصا وأصيب 30 آخرون في غارة جوية.', [['killed', 12, '12 شخصا'], ['wounded', 30, '30 آخرون']]],
    ['مقتل 12 شخصا وإصابة 30 آخرين', [['killed', 12, '12 شخصا'], ['wounded', 30, '30 آخرين']]],
    ['قتل 3 أشخاص وأصيب 14 آخرون بينهم 5 أطفال', [['killed', 3, '3 أشخاص'], ['wounded', 14, '14 آخرون']]],
    ['فرار 281 سجينا من سجن كيريكيري', [['escaped', 281, '281 سجينا']]],
    ['فرار ٢٨١ سجينا من السجن المركزي', [['escaped', 281, '٢٨١ سجينا']]],
    ['اعتقال عشرة أشخاص في بغداد', [['detained', 10, 'عشرة أشخاص']]],
    ['نزوح مئات العائلات من القرية', [['displaced', 200, 'مئات العائلات']]],
    ['نقل 300 معتقل إلى سجن آخر', [['transferred', 300, '300 معتقل']]],
    ['عشرات الجرحى في انفجار', [['wounded', 24, 'عشرات']]],
    ['قتل ثلاثة جنود في هجوم على الطريق 6 عام 2024', [['killed', 3, 'ثلاثة جنود']]],
    ['أسفر الهجوم عن مقتل ما لا يقل عن 15 مدنيا', [['killed', 15, 'ما لا يقل عن 15 مدنيا']]],
    ['إصابة خمسة وعشرين شخصا بجروح', [['wounded', 25, 'خمسة وعشرين شخصا']]],
    ['اختطاف 40 طالبا من مدرسة', [['detained', 40, '40 طالبا']]],
    ['نزوح أكثر من 2000 شخص', [['displaced', 2000, 'أكثر من 2000 شخص']]],
    ['قتل أحد عشر شخصا', [['killed', 11, 'أحد عشر شخصا']]],
    ['لقي 12 شخصا حتفهم وجرح 30 آخرون', [['killed', 12, '12 شخصا'], ['wounded', 30, '30 آخرون']]],
    ['ارتفاع حصيلة ضحايا الزلزال إلى 120 قتيلا', [['killed', 120, '120']]],
    ['الأمم المتحدة: نزوح 1.5 مليون شخص في السودان', [['displaced', 1500000, '1.5 مليون شخص']]],
  ])('reads %j', (text, expected) => {
    expect(figuresOf(text)).toEqual(expected);
  });
});

describe('extractFigures leaves other numbers alone', () => {
  it.each([
    'The 2024 election was held on 12 March.',
    'Elections were held in 2024 after years of delay.',
    'A 34-year-old soldier was killed near Route 6.',
    'The man, 45, was arrested on Highway 1.',
    'Protesters were detained on 3 June 2023.',
    'The government pledged $200 million for displaced families.',
    'The convoy moved 30 km north at 10:30 on Tuesday.',
    'Resolution 2254 calls for the release of detainees.',
    'He was sentenced to 20 years for the killing.',
    'One of the wounded died in hospital.',
    'Unemployment among displaced people rose 12 percent.',
    'Le 12 mars 2024, un homme de 34 ans a été tué.',
    'La résolution 2254 demande la libération des détenus.',
    'Un homme de 25 ans a été tué sur la route 6.',
    'قتل رجل يبلغ من العمر 34 عاما في 12 مارس 2024',
    'وقع الهجوم على الطريق 6 في 3 يونيو',
    'أفرج عن المعتقلين بموجب القرار 2254',
    'أحد الجرحى توفي في المستشفى',
    'The prison, built in 1958, holds inmates from 3 states.',
  ])('finds no figure in %j', (text) => {
    expect(extractFigures(text)).toEqual([]);
  });

  it('keeps the casualty figure of a sentence that also has a date, a year and a road', () => {
    expect(figuresOf('Fighting killed 5 people on 14 July 2024 near Route 6 in Gao.')).toEqual([['killed', 5, '5 people']]);
    expect(figuresOf('In 2024, 300 people were displaced.')).toEqual([['displaced', 300, '300 people']]);
  });

  it('keeps a percentage apart from the count in the next clause', () => {
    expect(figuresOf('Prices rose 12 percent, officials said; 3 protesters were arrested.')).toEqual([['detained', 3, '3 protesters']]);
  });
});

describe('extractFigures', () => {
  it('gives a number no kind when no word near it says what happened', () => {
    expect(extractFigures('Officials spoke to 12 reporters on Monday.')).toEqual([]);
  });

  it('reports a kind and value once when the title and the summary repeat it', () => {
    expect(figuresOf('281 inmates escape Nigerian prison. Gunmen attacked the prison and 281 inmates escaped.')).toEqual([['escaped', 281, '281 inmates']]);
  });

  it('reports two different values of one kind (a revised toll) separately', () => {
    expect(figuresOf('Officials first said 12 were killed. The toll later rose to 19 killed.')).toEqual([
      ['killed', 12, '12'],
      ['killed', 19, '19'],
    ]);
  });

  it('returns nothing for an empty text', () => {
    expect(extractFigures('')).toEqual([]);
  });
});
