// Words and formats of the safeguarding pages. Every string they show comes from a message catalogue
// (messages/<language>.js, one flat map); dates, times, numbers, lists and plurals follow its locale.
// Another language: add its catalogue file and list it in CATALOGUES.

import * as en from './messages/en.js';

const CATALOGUES = { en };

/** The catalogue of the page's language (<html lang>), English when there is none for it. */
function chooseCatalogue() {
  const language = (document.documentElement.lang || 'en').toLowerCase().split('-')[0];
  return CATALOGUES[language] ?? en;
}

const catalogue = chooseCatalogue();
const messages = catalogue.default;
export const locale = catalogue.locale;
export const direction = catalogue.direction ?? 'ltr';

const pluralRules = new Intl.PluralRules(locale);
const numberFormat = new Intl.NumberFormat(locale);

/**
 * The text of `key` with each `{name}` filled from params. With a numeric params.count, the key's plural
 * form for that count (`key.one`, `key.other`, ...) is used. A missing key shows as itself, so it is
 * seen and fixed rather than hidden.
 */
export function t(key, params = {}) {
  let template = messages[key];
  if (typeof params.count === 'number') {
    template = messages[`${key}.${pluralRules.select(params.count)}`] ?? messages[`${key}.other`] ?? template;
  }
  if (template == null) return key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => {
    const value = params[name];
    if (value == null) return whole;
    return typeof value === 'number' ? numberFormat.format(value) : String(value);
  });
}

/** Whether the catalogue has a text (or plural forms) for key. */
export function has(key) {
  return Object.hasOwn(messages, key) || Object.hasOwn(messages, `${key}.other`);
}

/** t(key), or t(fallback) when the catalogue has no `key` (a code this page does not know yet). */
export function tOr(key, fallback, params = {}) {
  return t(has(key) ? key : fallback, params);
}

/** The words for a code ("category", "INJURY"); a code the catalogue does not know yet, in lower-case words. */
export function tCode(prefix, code) {
  const key = `${prefix}.${code}`;
  if (has(key)) return t(key);
  return String(code ?? '').toLowerCase().replaceAll('_', ' ');
}

/** A sentence starts with a capital, whatever its first word (a name, "a manager", "you"). */
export function sentence(text) {
  const value = String(text ?? '');
  return value ? value[0].toLocaleUpperCase(locale) + value.slice(1) : value;
}

const dateTimeFormat = new Intl.DateTimeFormat(locale, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const fullDateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'long' });
const timeFormat = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
const dayHeadingFormat = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
// A local date (YYYY-MM-DD) is a calendar day, not an instant: formatted in UTC so no zone moves it.
const calendarDayFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const listFormat = new Intl.ListFormat(locale, { type: 'unit', style: 'short' });
const andListFormat = new Intl.ListFormat(locale, { type: 'conjunction' });
const languageNames = new Intl.DisplayNames(locale, { type: 'language', fallback: 'code' });

function toDate(iso) {
  const date = iso instanceof Date ? iso : new Date(iso ?? NaN);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "3 Dec 2026, 09:30", in this browser's time zone. */
export function formatDateTime(iso) {
  const date = toDate(iso);
  return date ? dateTimeFormat.format(date) : t('common.unknownTime');
}

/** The long form, for a tooltip. */
export function formatFullDateTime(iso) {
  const date = toDate(iso);
  return date ? fullDateTimeFormat.format(date) : t('common.unknownTime');
}

/** "09:30". */
export function formatTime(iso) {
  const date = toDate(iso);
  return date ? timeFormat.format(date) : t('common.unknownTime');
}

/** "Thursday, 3 December 2026": the heading of one day of a chronology. */
export function formatDayHeading(date) {
  return dayHeadingFormat.format(date);
}

/** A local date "2026-12-03" as "3 December 2026". */
export function formatCalendarDay(localDate) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(localDate ?? '');
  if (!match) return String(localDate ?? '');
  return calendarDayFormat.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** "SMS, email". */
export function formatList(items) {
  return listFormat.format(items.map(String));
}

/** "Literacy and Mathematics". */
export function formatAndList(items) {
  return andListFormat.format(items.map(String));
}

/** "pl" → "Polish". */
export function languageName(tag) {
  if (!tag) return '';
  try {
    return languageNames.of(tag);
  } catch {
    return String(tag);
  }
}
