/** Live-agent business hours: schedule config, open/closed answers, due dates, and the words for them. */
export {
  BusinessHoursConfigError,
  DEFAULT_BUSINESS_HOURS_CONFIG,
  WEEKDAYS,
  businessHoursConfigSchema,
  openingWindowSchema,
  parseBusinessHoursConfig,
  type BusinessHoursConfig,
  type BusinessHoursConfigInput,
  type OpeningWindow,
  type Weekday,
  type WeeklySchedule,
} from './businessHoursConfig.js';
export { createBusinessHours, type BusinessHours, type OpenWindow } from './businessHours.js';
export {
  inaugurationDayOf,
  isObservedFederalHoliday,
  type FederalHolidayOptions,
} from './federalHolidayCalendar.js';
export { businessHoursWords, formatDueDate, formatOpening, formatSchedule } from './businessHoursText.js';
