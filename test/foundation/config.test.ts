import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config/config.js';
import { renderEnvExample } from '../../bot/config/describeSettings.js';
import { SETTINGS } from '../../bot/config/settings.js';
import { REPO_ROOT } from '../support/paths.js';

describe('config', () => {
  it('when nothing is set, then every setting has its default and the store is embedded under ./data', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.http.port).toBe(3978);
    expect(config.env).toBe('development');
    expect(config.store).toEqual({
      kind: 'embedded',
      dataDir: '/srv/app/data',
      compactionIntervalMs: 3_600_000,
    });
    expect(config.botFramework.enabled).toBe(true);
    expect(config.http.publicOrigins).toEqual(['http://localhost:3978', 'http://127.0.0.1:3978']);
    expect(config.knowledge.checkIntervalMs).toBe(10_000);
  });

  it('when MONGODB_URI is set, then the store is MongoDB with MONGODB_DB', () => {
    const config = loadConfig({ MONGODB_URI: 'mongodb://db.internal:27017', MONGODB_DB: 'va' });
    expect(config.store).toEqual({ kind: 'mongodb', uri: 'mongodb://db.internal:27017', dbName: 'va' });
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid setting PORT="abc": /],
    [{ PORT: '70000' }, /^Invalid setting PORT="70000": /],
    [{ NODE_ENV: 'staging' }, /^Invalid setting NODE_ENV="staging": /],
    [{ BOTFRAMEWORK_ENABLED: 'maybe' }, /^Invalid setting BOTFRAMEWORK_ENABLED="maybe": /],
    [{ PUBLIC_ORIGINS: 'not a url' }, /^Invalid setting PUBLIC_ORIGINS=/],
    [{ MONGODB_URI: 'postgres://x' }, /^Invalid setting MONGODB_URI=\(hidden\): /],
    [{ KNOWLEDGE_CHECK_SECONDS: '0' }, /^Invalid setting KNOWLEDGE_CHECK_SECONDS="0": /],
  ])('when %j, then start-up stops with one line naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('when in production without Bot Framework credentials, then it refuses to start unless the channel is off', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MicrosoftAppId: required in production/);
    expect(loadConfig({ NODE_ENV: 'production', BOTFRAMEWORK_ENABLED: 'false' }).botFramework.enabled).toBe(
      false,
    );
    const withCredentials = loadConfig({
      NODE_ENV: 'production',
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'pw',
    });
    expect(withCredentials.botFramework.appId).toBe('app');
  });

  it('when a secret is invalid, then its value is never printed', () => {
    expect(() => loadConfig({ MONGODB_URI: 'http://user:hunter2@host' })).toThrow(/\(hidden\)/);
    expect(() => loadConfig({ MONGODB_URI: 'http://user:hunter2@host' })).not.toThrow(/hunter2/);
  });

  it('.env.example lists every setting and matches the settings table', async () => {
    const file = await readFile(path.join(REPO_ROOT, '.env.example'), 'utf8');
    expect(file).toBe(renderEnvExample());
    for (const name of Object.keys(SETTINGS)) expect(file).toMatch(new RegExp(`^${name}=`, 'm'));
  });
});
