/**
 * Dates as feeds write them: RFC 822/2822 (`Sat, 07 Sep 2002 09:42:31 GMT`, with 2-digit years,
 * missing seconds or weekday, zone names or numeric offsets), RFC 3339 / W3C-DTF / ISO 8601
 * (`2003-12-31T10:14:55.123-08:00`, `2003-12-31`, `20031231T101455Z`), and the common sloppy
 * variants (`Jan 1, 2004 12:00 PM EST`, asctime). No Date.parse: its leniency differs between
 * engines and accepts nonsense. Returns null for anything it cannot read with confidence.
 */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** Offsets in minutes east of UTC. Military letters use their real meaning (A = +1 h): RFC 822 printed the signs backwards. */
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, wet: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  ast: -240, adt: -180, akst: -540, akdt: -480, hst: -600, nst: -210, ndt: -150,
  bst: 60, ist: 330, cet: 60, cest: 120, met: 60, mest: 120, west: 60, eet: 120, eest: 180, msk: 180,
  sast: 120, pkt: 300, wib: 420, sgt: 480, hkt: 480, jst: 540, kst: 540, aest: 600, aedt: 660, acst: 570, awst: 480, nzst: 720, nzdt: 780,
};
'abcdefghiklm'.split('').forEach((letter, index) => (ZONES[letter] = (index + 1) * 60));
'nopqrstuvwxy'.split('').forEach((letter, index) => (ZONES[letter] = -(index + 1) * 60));

const ISO_EXTENDED =
  /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?$/;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:[Tt]?(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const LEADING_WEEKDAY = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*/i;
const DAY_MONTH_YEAR =
  /^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.,]*([a-z]{3,9})\.?[\s\-/.,]*(\d{2,4})(?:[\s,T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d{1,9})?)?\s*(am|pm)?)?(.*)$/i;
const MONTH_DAY_YEAR = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{2,4})(?:[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?(.*)$/i;
const ASCTIME = /^([a-z]{3,9})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(?:([a-z]{1,5})\s+)?(\d{4})$/i;

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes: number;
}

export function parseFeedDate(raw: string): Date | null {
  const text = raw.replace(/\s+/g, ' ').trim().slice(0, 128);
  if (text.length < 6) return null;
  const parts = parseIso(text) ?? parseRfc822(text);
  return parts ? toDate(parts) : null;
}

function parseIso(text: string): DateParts | null {
  const m = ISO_EXTENDED.exec(text) ?? ISO_BASIC.exec(text);
  if (!m) return null;
  const offsetMinutes = m[8] === undefined ? 0 : parseOffset(m[8]);
  if (offsetMinutes === null) return null;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: m[3] === undefined ? 1 : Number(m[3]),
    hour: m[4] === undefined ? 0 : Number(m[4]),
    minute: m[5] === undefined ? 0 : Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
    millisecond: m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0')),
    offsetMinutes,
  };
}

function parseRfc822(input: string): DateParts | null {
  const text = input.replace(LEADING_WEEKDAY, '');
  let m = DAY_MONTH_YEAR.exec(text);
  let day: string, monthName: string, year: string;
  let hour: string | undefined, minute: string | undefined, second: string | undefined, meridiem: string | undefined, rest: string;
  if (m) {
    [, day, monthName, year, hour, minute, second, meridiem, rest] = m as unknown as string[];
  } else if ((m = ASCTIME.exec(text))) {
    // Before month-day-year, which would read asctime's hour as a two-digit year.
    [, monthName, day, hour, minute, second, rest, year] = m as unknown as string[];
    rest = rest ?? '';
  } else if ((m = MONTH_DAY_YEAR.exec(text))) {
    [, monthName, day, year, hour, minute, second, meridiem, rest] = m as unknown as string[];
  } else {
    return null;
  }
  const month = MONTHS[monthName.slice(0, 3).toLowerCase()];
  if (!month) return null;
  const offsetMinutes = parseZone(rest ?? '');
  if (offsetMinutes === null) return null;
  let h = hour === undefined ? 0 : Number(hour);
  if (meridiem) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  }
  return {
    year: expandYear(year),
    month,
    day: Number(day),
    hour: h,
    minute: minute === undefined ? 0 : Number(minute),
    second: second === undefined ? 0 : Number(second),
    millisecond: 0,
    offsetMinutes,
  };
}

/** RFC 2822 4.3: two-digit years 00-49 are 20xx, 50-99 are 19xx; three-digit years add 1900. */
function expandYear(year: string): number {
  const value = Number(year);
  if (year.length === 2) return value < 50 ? 2000 + value : 1900 + value;
  if (year.length === 3) return 1900 + value;
  return value;
}

/** The zone after the time: a name, `+0300`, `-03:00`, `GMT+3`; a comment in parentheses is ignored. Unknown names count as UTC. */
function parseZone(rest: string): number | null {
  const token = rest.replace(/\([^)]{0,40}\)/g, ' ').trim().split(' ')[0] ?? '';
  if (token === '') return 0;
  const numeric = /^(?:GMT|UTC|UT)?([+-]\d{1,2}(?::?\d{2})?)$/i.exec(token);
  if (numeric) return parseOffset(numeric[1]);
  if (/^\d{4}$/.test(token)) return parseOffset('+' + token);
  if (/^[a-z]{1,5}$/i.test(token)) return ZONES[token.toLowerCase()] ?? 0;
  return null;
}

function parseOffset(zone: string): number | null {
  if (/^(z|utc|gmt)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + (m[3] === undefined ? 0 : Number(m[3]));
  if (minutes > 14 * 60 || (m[3] !== undefined && Number(m[3]) > 59)) return null;
  return m[1] === '-' ? -minutes : minutes;
}

function toDate(p: DateParts): Date | null {
  if (p.year < 1000 || p.year > 9999 || p.month < 1 || p.month > 12 || p.day < 1) return null;
  if (p.minute > 59 || p.second > 60) return null;
  const endOfDay = p.hour === 24 && p.minute === 0 && p.second === 0;
  if (p.hour > 23 && !endOfDay) return null;
  const daysInMonth = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  if (p.day > daysInMonth) return null;
  const utc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, Math.min(p.second, 59), p.millisecond);
  return new Date(utc - p.offsetMinutes * 60_000);
}
