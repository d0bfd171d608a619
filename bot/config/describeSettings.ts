import { SETTINGS } from './settings.js';

/** `.env.example`: every setting with its default (secrets left empty) and what it is for. */
export function renderEnvExample(): string {
  const lines = [
    '# Every setting of the virtual assistant, with its default. Copy to .env or set in the environment.',
    '# Generated from bot/config/settings.ts by `npm run config:docs`; edit that file, not this one.',
    '',
  ];
  for (const [name, setting] of Object.entries(SETTINGS)) {
    lines.push(`# ${setting.description}`);
    const secret = 'secret' in setting && setting.secret;
    lines.push(`${name}=${secret ? '' : setting.defaultText}`, '');
  }
  return lines.join('\n');
}

/** The README's configuration table. */
export function renderSettingsTable(): string {
  const rows = Object.entries(SETTINGS).map(([name, setting]) => {
    const shown = setting.defaultText === '' ? '(empty)' : `\`${setting.defaultText}\``;
    return `| \`${name}\` | ${shown} | ${setting.description.replace(/\|/g, '\\|')} |`;
  });
  return ['| Variable | Default | What it does |', '|---|---|---|', ...rows].join('\n');
}
