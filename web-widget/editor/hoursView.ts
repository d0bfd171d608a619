import { h } from './dom.js';
import type { HoursWindow, LiveChatHoursResponse } from '../../contracts/adminApi.js';
import { localeTag } from '../shared/timeFormat.js';
import { isAdmin, type View, type ViewContext } from './viewContext.js';

/**
 * The live-chat schedule for admins, as the service reads BUSINESS_HOURS: whether agents are
 * available now and until when, or when they are back (in the words visitors get), the weekly
 * hours, and the coming days that differ from their weekday. Read-only: the setting changes with
 * a restart (the README says how).
 */
export const hoursView: View = async (context, main) => {
  const { t } = context;
  main.append(h('h1', { tabindex: '-1' }, t('hours.title')));
  if (!isAdmin(context.user)) {
    main.append(h('p', {}, t('users.adminsOnly')));
    return;
  }
  const hours = await context.api.liveChatHours();
  main.append(
    h('p', {}, t('hours.intro')),
    h(
      'p',
      { class: 'hours-now', 'data-open': String(hours.openNow) },
      hours.openNow
        ? t('hours.openNow', { until: hours.closesAtText ?? '' })
        : t('hours.closedNow', { next: hours.nextOpeningText }),
    ),
    weeklySection(context, hours),
    exceptionsSection(context, hours),
    h(
      'details',
      { class: 'hours-config' },
      h('summary', {}, t('hours.configured')),
      h('pre', { lang: 'en' }, JSON.stringify(hours.config, null, 2)),
    ),
  );
};

function weeklySection(context: ViewContext, hours: LiveChatHoursResponse): HTMLElement {
  const { t } = context;
  const rows = hours.weekly.map(({ day, windows }) =>
    h(
      'tr',
      { 'data-day': day },
      h('th', { scope: 'row' }, t(`hours.day.${day}`)),
      h('td', {}, windowsText(context, windows)),
    ),
  );
  return h(
    'section',
    { 'aria-labelledby': 'hours-weekly' },
    h('h2', { id: 'hours-weekly' }, t('hours.weekly')),
    h('p', { class: 'hours-schedule' }, t('hours.visitorsTold', { schedule: hours.schedule })),
    h(
      'table',
      { class: 'hours-week' },
      h('caption', {}, t('hours.weekCaption', { zone: hours.timeZone })),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('hours.column.day')),
          h('th', { scope: 'col' }, t('hours.column.hours')),
        ),
      ),
      h('tbody', {}, ...rows),
    ),
    h(
      'ul',
      {},
      h('li', {}, hours.federalHolidays ? t('hours.federalClosed') : t('hours.federalOpen')),
      hours.inaugurationDay ? h('li', {}, t('hours.inauguration')) : null,
    ),
  );
}

function exceptionsSection(context: ViewContext, hours: LiveChatHoursResponse): HTMLElement {
  const { t } = context;
  const date = new Intl.DateTimeFormat(localeTag(context.locale), {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return h(
    'section',
    { 'aria-labelledby': 'hours-exceptions' },
    h('h2', { id: 'hours-exceptions' }, t('hours.exceptions')),
    hours.exceptions.length === 0
      ? h('p', {}, t('hours.noExceptions'))
      : h(
          'table',
          { class: 'hours-exceptions' },
          h('caption', { class: 'visually-hidden' }, t('hours.exceptions')),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...['date', 'why', 'hours'].map((key) => h('th', { scope: 'col' }, t(`hours.column.${key}`))),
            ),
          ),
          h(
            'tbody',
            {},
            ...hours.exceptions.map((exception) =>
              h(
                'tr',
                { 'data-date': exception.date },
                h(
                  'th',
                  { scope: 'row' },
                  h(
                    'time',
                    { datetime: exception.date },
                    date.format(new Date(`${exception.date}T12:00:00Z`)),
                  ),
                ),
                h('td', {}, t(`hours.kind.${exception.kind}`)),
                h('td', {}, windowsText(context, exception.windows)),
              ),
            ),
          ),
        ),
  );
}

/** "8:00 AM to 8:00 PM", "8:00 a. m. a 12:00 p. m. y …", or "Closed", in the console's language. */
function windowsText(context: ViewContext, windows: readonly HoursWindow[]): string {
  const { t } = context;
  if (windows.length === 0) return t('hours.closed');
  const time = new Intl.DateTimeFormat(localeTag(context.locale), {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'UTC',
  });
  const clock = (value: string) => {
    if (value === '24:00') return t('hours.endOfDay');
    const [hour = 0, minute = 0] = value.split(':').map(Number);
    const text = time.format(Date.UTC(2000, 0, 1, hour, minute));
    // Spanish writes "a. m." / "p. m." (as the assistant does), where Intl may give "a.m.".
    return context.locale === 'es' ? text.replace(/([ap])\.\s?m\./g, '$1. m.') : text;
  };
  if (windows.length === 1 && windows[0]?.open === '00:00' && windows[0]?.close === '24:00')
    return t('hours.allDay');
  return windows
    .map((window) => t('hours.window', { open: clock(window.open), close: clock(window.close) }))
    .join(t('hours.windowJoiner'));
}
