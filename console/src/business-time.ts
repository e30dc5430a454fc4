/**
 * Times in the service's business time zone (BUSINESS_TIME_ZONE, Asia/Shanghai unless
 * configured; GET /api/session says which), whatever zone the browser is in: an
 * investigator abroad reading a timeline sees the times the HR office lived by.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: number, zone: string): { date: string; time: string; asUtc: number } {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone, format);
  }
  const part = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const date = `${part.year}-${part.month}-${part.day}`;
  const time = `${part.hour}:${part.minute}:${part.second}`;
  return { date, time, asUtc: Date.parse(`${date}T${time}Z`) };
}

/** An instant as `2024-05-10 18:00:00` in the zone. */
export const zonedTime = (instant: string, zone: string): string => {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) return instant;
  const wall = wallClock(time, zone);
  return `${wall.date} ${wall.time}`;
};

/** Today's date in the zone (the business day), as `YYYY-MM-DD`. */
export const businessToday = (zone: string, now: number = Date.now()): string => wallClock(now, zone).date;

const offsetText = (offsetMs: number): string => {
  const minutes = Math.round(offsetMs / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};

/**
 * A datetime-local value (`2024-05-10T18:00`, seconds optional), read as a wall-clock time
 * in the zone, as an ISO instant with that zone's offset then: `2024-05-10T18:00:00+08:00`.
 * Null for anything else.
 */
export const wallTimeToInstant = (value: string, zone: string): string | null => {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?(\.\d+)?$/.exec(value);
  if (!match) return null;
  const local = `${match[1]}${match[2] ?? ':00'}`;
  const asUtc = Date.parse(`${local}Z`);
  if (Number.isNaN(asUtc)) return null;
  // The zone's offset at that wall time: guessed from the offset at the same UTC reading, then checked once
  // (a change of offset between the two, as at a daylight-saving switch, is met on the second look).
  let offset = wallClock(asUtc, zone).asUtc - asUtc;
  offset = wallClock(asUtc - offset, zone).asUtc - (asUtc - offset);
  return `${local}${offsetText(offset)}`;
};

/** An instant back as a datetime-local value in the zone (seconds kept). */
export const instantToWallTime = (instant: string, zone: string): string => {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) return '';
  const wall = wallClock(time, zone);
  return `${wall.date}T${wall.time}`;
};

/** How a page names the zone: Beijing time for China's (北京时间), else the IANA name. */
export const zoneName = (zone: string, lang: 'zh' | 'en'): string =>
  zone === 'Asia/Shanghai' ? (lang === 'zh' ? '北京时间' : 'China time') : zone;
