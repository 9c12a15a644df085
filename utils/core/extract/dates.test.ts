import { describe, expect, it } from 'vitest';
import { completeYearless, DATE_IN_TEXT, impliedZoneOffset, isPlausibleTime, mayHoldDate, numericOrder, parseDate } from './dates';

const UTC8 = 480;

describe('parseDate', () => {
  it.each([
    ['2023-06-18T11:48:21-04:00', 0, '2023-06-18T15:48:21.000Z'],
    ['2023-06-18T15:48:21.123Z', UTC8, '2023-06-18T15:48:21.123Z'],
    ['2023-06-18T23:48:21+0800', 0, '2023-06-18T15:48:21.000Z'],
    ['Sun, 18 Jun 2023 15:48:21 GMT', UTC8, '2023-06-18T15:48:21.000Z'],
    ['June 18, 2023 11:48 AM EDT', 0, '2023-06-18T15:48:00.000Z'],
    ['1687103301', 0, '2023-06-18T15:48:21.000Z'],
  ])('reads the zone %s names', (value, zone, iso) => {
    expect(new Date(parseDate(value, zone)!).toISOString()).toBe(iso);
  });

  it.each([
    ['2023-06-18 11:48', UTC8, '2023-06-18T03:48:00.000Z'],
    ['2023年06月18日 11:48', UTC8, '2023-06-18T03:48:00.000Z'],
    ['2023年6月18日11时48分', UTC8, '2023-06-18T03:48:00.000Z'],
    ['2023/6/18', UTC8, '2023-06-17T16:00:00.000Z'],
    ['2023.06.18 11:48:21', 540, '2023-06-18T02:48:21.000Z'],
    ['June 18, 2023', 0, '2023-06-18T00:00:00.000Z'],
    ['18 June 2023, 3:05 pm', 0, '2023-06-18T15:05:00.000Z'],
    ['20230618', 0, '2023-06-18T00:00:00.000Z'],
    ['05/29/2007 09:49:00', 0, '2007-05-29T09:49:00.000Z'],
    ['29.05.2007', 0, '2007-05-29T00:00:00.000Z'],
    ['发布时间：2023-06-18 11:48 来源：新华社', UTC8, '2023-06-18T03:48:00.000Z'],
  ])('reads zone-less %s in the given zone', (value, zone, iso) => {
    expect(new Date(parseDate(value, zone)!).toISOString()).toBe(iso);
  });

  it.each([
    ['Dec 28 Sat 2013 00:28', UTC8, '2013-12-27T16:28:00.000Z'],
    ['Sunday, Feb 1, 2015 11:57 AM UTC', UTC8, '2015-02-01T11:57:00.000Z'],
    ['2/26/2015 7:11 AM PST BY TMZ STAFF', 0, '2015-02-26T15:11:00.000Z'],
    ['Feb. 23, 2015', 0, '2015-02-23T00:00:00.000Z'],
  ])('reads %s (weekday inside the date, month-first numeric date with a zone)', (value, zone, iso) => {
    expect(new Date(parseDate(value, zone)!).toISOString()).toBe(iso);
  });

  it('reads the date that comes first in the text, whatever its shape', () => {
    expect(new Date(parseDate('June 18, 2023, updated 2023-06-19 10:00', 0)!).toISOString()).toBe('2023-06-18T00:00:00.000Z');
  });

  it("reads an ambiguous numeric date in the page's order, a dotted one day first", () => {
    expect(new Date(parseDate('05/08/2014 07:01:00', 0, 'mdy')!).toISOString()).toBe('2014-05-08T07:01:00.000Z');
    expect(new Date(parseDate('05/08/2014 07:01:00', 0, 'dmy')!).toISOString()).toBe('2014-08-05T07:01:00.000Z');
    expect(parseDate('05/08/2014', 0)).toBeUndefined();
    expect(new Date(parseDate('07.12.2017', 0)!).toISOString()).toBe('2017-12-07T00:00:00.000Z');
    expect(new Date(parseDate('07.12.2017', 0, 'mdy')!).toISOString()).toBe('2017-12-07T00:00:00.000Z');
    // An unambiguous date keeps its only reading whatever the page's order.
    expect(new Date(parseDate('05/29/2007', 0, 'dmy')!).toISOString()).toBe('2007-05-29T00:00:00.000Z');
  });

  it('reads a two-digit year only before a time of day, in the page order, 90-99 as the 1990s', () => {
    const iso = (value: string, order?: 'mdy' | 'dmy') => new Date(parseDate(value, 0, order)!).toISOString();
    expect(iso('3/09/15 8:00am', 'mdy')).toBe('2015-03-09T08:00:00.000Z');
    expect(iso('3/09/15 8:00am', 'dmy')).toBe('2015-09-03T08:00:00.000Z');
    expect(iso('13/09/98, 20:15')).toBe('1998-09-13T20:15:00.000Z');
    expect(parseDate('3/09/15 8:00am', 0)).toBeUndefined();
    expect(parseDate('3/09/15', 0, 'mdy')).toBeUndefined();
    expect(parseDate('rated 1/2/15 overall', 0, 'mdy')).toBeUndefined();
    expect(parseDate('3/09/2015 8:00am', 0, 'mdy')).toBe(Date.UTC(2015, 2, 9, 8));
  });

  it.each(['', 'yesterday', '2023-02-31', '2023-13-01', '06/07/2023', '13/13/2023', 'no date here'])('rejects %j', (value) => {
    expect(parseDate(value, 0)).toBeUndefined();
  });
});

describe('numericOrder', () => {
  it('is month first in US English, day first in other English and other languages, unknown otherwise', () => {
    expect(numericOrder('en-US')).toBe('mdy');
    expect(numericOrder('en-GB')).toBe('dmy');
    expect(numericOrder('es')).toBe('dmy');
    expect(numericOrder('de-DE')).toBe('dmy');
    expect(numericOrder('en')).toBeUndefined();
    expect(numericOrder('zh-CN')).toBeUndefined();
    expect(numericOrder(undefined)).toBeUndefined();
  });
});

describe('DATE_IN_TEXT', () => {
  it('finds where datelines start, numeric ones included', () => {
    const starts = (text: string) => [...text.matchAll(DATE_IN_TEXT)].map((m) => m[0]);
    expect(starts('Posted Dec 28 Sat 2013 00:28')).toEqual(['Dec 28 Sat 2013']);
    expect(starts('2/26/2015 7:11 AM PST')).toEqual(['2/26/2015']);
    expect(starts('Una solución - 07.12.2017 - LA NACION')).toEqual(['07.12.2017']);
    expect(starts('version 1.2.3, 12/2015')).toEqual([]);
    expect(starts('Filed to: MONEY 3/09/15 8:00am')).toEqual(['3/09/15']);
    expect(starts('pages 1/2/15 and 3/4/15 of the report')).toEqual([]);
  });
});

describe('completeYearless', () => {
  it('puts the year into a yearless date and time on the given day only', () => {
    expect(completeYearless('By Erin Cunningham March 18 at 3:57 PM', [2015, 3, 18])).toBe('By Erin Cunningham March 18, 2015 at 3:57 PM');
    expect(completeYearless('March 17 at 3:57 PM', [2015, 3, 18])).toBeUndefined();
    expect(completeYearless('at the Western Wall on March 18 following the vote', [2015, 3, 18])).toBeUndefined();
    expect(completeYearless('March 18, 2015 at 3:57 PM', [2015, 3, 18])).toBeUndefined();
  });

  it('reads month-first numeric and CJK yearless dates before a time, the bracketed weekday dropped', () => {
    expect(completeYearless('CNET Japan 3/9(木) 18:45配信', [2017, 3, 9])).toBe('CNET Japan 2017-3-9 18:45配信');
    expect(completeYearless('发布于 3月9日 18:45', [2017, 3, 9])).toBe('发布于 2017-3-9 18:45');
    expect(completeYearless('CNET Japan 3/9(木) 18:45配信', [2017, 9, 3])).toBeUndefined();
    expect(completeYearless('won 3/9 of the seats', [2017, 3, 9])).toBeUndefined();
    expect(completeYearless('version 1.3/9 18:45', [2017, 3, 9])).toBeUndefined();
  });
});

describe('impliedZoneOffset', () => {
  it('follows the language first', () => {
    expect(impliedZoneOffset('zh-Hans', 'English text')).toBe(UTC8);
    expect(impliedZoneOffset('zh-TW', '')).toBe(UTC8);
    expect(impliedZoneOffset('ja', '')).toBe(540);
    expect(impliedZoneOffset('ko-KR', '')).toBe(540);
    expect(impliedZoneOffset('en', 'English text')).toBe(0);
  });

  it('falls back to the script of the text, never the machine zone', () => {
    expect(impliedZoneOffset(undefined, '美国国务卿布林肯在抵达北京后与中共外交部长会面')).toBe(UTC8);
    expect(impliedZoneOffset('en', '美国国务卿布林肯在抵达北京后与中共外交部长会面')).toBe(UTC8);
    expect(impliedZoneOffset(undefined, '東京都は18日、新たにコロナウイルスの感染者を確認したと発表した')).toBe(540);
    expect(impliedZoneOffset(undefined, '서울시는 18일 새로운 정책을 발표했다')).toBe(540);
    expect(impliedZoneOffset(undefined, 'Der Bundestag hat am Sonntag beschlossen')).toBe(0);
  });
});

describe('isPlausibleTime', () => {
  const now = Date.UTC(2024, 0, 1);
  it('rejects future times and times before 1990', () => {
    expect(isPlausibleTime(Date.UTC(2023, 5, 18), now)).toBe(true);
    expect(isPlausibleTime(now + 60_000, now)).toBe(false);
    expect(isPlausibleTime(Date.UTC(1989, 11, 31), now)).toBe(false);
    expect(isPlausibleTime(undefined, now)).toBe(false);
  });
});

describe('mayHoldDate', () => {
  it('is true of every text a date is read from, false of text without a digit', () => {
    for (const text of ['2023-06-18', 'June 18, 2023', '18th June 2023', '05/29/2007', '2023年6月18日', '1687085280', 'Posted Tuesday 15 October 2019']) {
      expect(parseDate(text, 0)).toBeDefined();
      expect(mayHoldDate(text)).toBe(true);
    }
    expect(mayHoldDate('By Jane Doe | Tuesday, June')).toBe(false);
  });
});
