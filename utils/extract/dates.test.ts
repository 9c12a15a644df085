import { describe, expect, it } from 'vitest';
import { impliedZoneOffset, isPlausibleTime, parseDate } from './dates';

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

  it.each(['', 'yesterday', '2023-02-31', '2023-13-01', '06/07/2023', '13/13/2023', 'no date here'])('rejects %j', (value) => {
    expect(parseDate(value, 0)).toBeUndefined();
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
