import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusinessHours } from '../../bot/handoff/businessHours/index.js';
import type { LiveChatHoursResponse } from '../../contracts/adminApi.js';
import { TestClock } from '../handoff/support/agentClient.js';
import { REPO_ROOT } from '../support/paths.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { apiClient, login, signedInClient, type ApiCall } from './support/adminApi.js';

/** Saturday, January 17, 2026, 10:00 a.m. Eastern: closed, and Monday the 19th is Martin Luther King Jr. Day. */
const LONG_WEEKEND = '2026-01-17T15:00:00.000Z';
/** Tuesday, March 10, 2026, 11:00 a.m. Eastern. */
const TUESDAY_MORNING = '2026-03-10T15:00:00.000Z';

describe('admin API: the live-chat hours as the service applies them', () => {
  const clock = new TestClock(new Date(LONG_WEEKEND));
  let app: TestApp;
  let admin: ApiCall;

  beforeAll(async () => {
    app = await startTestApp(
      {
        BUSINESS_HOURS: JSON.stringify({
          closedDates: ['2026-03-12'],
          specialHours: { '2026-03-13': [{ open: '09:00', close: '13:00' }] },
        }),
      },
      { clock },
    );
    admin = await signedInClient(app, 'root', ['admin']);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when the agents are away for a long weekend, then the next opening skips the holiday, in the words visitors get, in both languages', async () => {
    clock.set(LONG_WEEKEND);
    const english = await admin<LiveChatHoursResponse>('GET', '/api/admin/hours');
    expect(english.status).toBe(200);
    expect(english.headers.get('cache-control')).toBe('no-store');
    expect(english.body).toMatchObject({
      timeZone: 'America/New_York',
      schedule: 'Monday to Friday, 8 a.m. to 8 p.m. Eastern time',
      federalHolidays: true,
      openNow: false,
      closesAt: null,
      nextOpening: '2026-01-20T13:00:00.000Z',
      nextOpeningText: 'Tuesday, January 20 at 8:00 a.m. ET',
    });
    expect(english.body.weekly[0]).toEqual({ day: 'monday', windows: [{ open: '08:00', close: '20:00' }] });
    expect(english.body.weekly[6]).toEqual({ day: 'sunday', windows: [] });
    expect(english.body.exceptions.slice(0, 2)).toEqual([
      { date: '2026-01-19', kind: 'holiday', windows: [] },
      { date: '2026-02-16', kind: 'holiday', windows: [] },
    ]);
    const spanish = await admin<LiveChatHoursResponse>('GET', '/api/admin/hours', undefined, {
      'accept-language': 'es-US,es;q=0.9',
    });
    expect(spanish.body.schedule).toBe('de lunes a viernes, de 8 a. m. a 8 p. m., hora del Este');
    expect(spanish.body.nextOpeningText).toBe('el martes 20 de enero a las 8:00 a. m. (hora del Este)');
  });

  it('when agents are working, then it says until when, and lists the closed and special days ahead', async () => {
    clock.set(TUESDAY_MORNING);
    // Sign-ins expire by the service's clock: the January one is long gone by March.
    admin = apiClient(app, await login(app, 'root'));
    const hours = await admin<LiveChatHoursResponse>('GET', '/api/admin/hours');
    expect(hours.body).toMatchObject({
      openNow: true,
      closesAt: '2026-03-11T00:00:00.000Z',
      closesAtText: 'Tuesday, March 10 at 8:00 p.m. ET',
      nextOpening: TUESDAY_MORNING,
    });
    expect(hours.body.exceptions.slice(0, 2)).toEqual([
      { date: '2026-03-12', kind: 'closed', windows: [] },
      { date: '2026-03-13', kind: 'special', windows: [{ open: '09:00', close: '13:00' }] },
    ]);
  });
});

describe('the BUSINESS_HOURS examples in the README', () => {
  it('when each example is read as the service reads it, then it is valid and does what its sentence says', async () => {
    const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.split('## Live-agent hours (`BUSINESS_HOURS`)')[1]?.split('\n## ')[0] ?? '';
    const examples = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((match) =>
      createBusinessHours(JSON.parse(match[1] ?? '') as object),
    );
    expect(examples).toHaveLength(4);
    const [standard, allDay, holiday, special] = examples;
    // The standard schedule spelled out is `{}`.
    expect(standard?.config).toEqual(createBusinessHours({}).config);
    // All day, every day: a Sunday at 3 a.m. and Thanksgiving at noon.
    expect(allDay?.isOpen(new Date('2026-03-08T08:00:00Z'))).toBe(true);
    expect(allDay?.isOpen(new Date('2026-11-26T17:00:00Z'))).toBe(true);
    // The agency's own holiday, on a Thursday, and Christmas still closed.
    expect(holiday?.windowsOn('2026-12-24')).toEqual([]);
    expect(holiday?.windowsOn('2026-12-23')).toEqual([{ open: '08:00', close: '20:00' }]);
    expect(holiday?.windowsOn('2026-12-25')).toEqual([]);
    // Special hours: closes at 2 p.m. on New Year's Eve; opens on Veterans Day.
    expect(special?.isOpen(new Date('2026-12-31T18:30:00Z'))).toBe(true);
    expect(special?.isOpen(new Date('2026-12-31T19:30:00Z'))).toBe(false);
    expect(special?.windowsOn('2026-11-11')).toEqual([{ open: '10:00', close: '16:00' }]);
    expect(createBusinessHours({}).windowsOn('2026-11-11')).toEqual([]);
  });
});
