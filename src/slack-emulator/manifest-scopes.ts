// The bot scopes the app asks for in manifest.yml: what the emulator grants unless told otherwise.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** manifest.yml at the package root (beside src/ and dist/ alike). */
export const MANIFEST_PATH = new URL('../../manifest.yml', import.meta.url);

export function manifestBotScopes(path: URL | string = MANIFEST_PATH): string[] {
  const manifest = parse(readFileSync(path, 'utf8')) as { oauth_config?: { scopes?: { bot?: unknown } } };
  const scopes = manifest.oauth_config?.scopes?.bot;
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) {
    throw new Error(`${String(path)}: oauth_config.scopes.bot must be a list of scope names`);
  }
  return scopes;
}

/** The bot events the app subscribes to in manifest.yml. */
export function manifestBotEvents(path: URL | string = MANIFEST_PATH): string[] {
  const manifest = parse(readFileSync(path, 'utf8')) as {
    settings?: { event_subscriptions?: { bot_events?: unknown } };
  };
  const events = manifest.settings?.event_subscriptions?.bot_events ?? [];
  return Array.isArray(events) ? events.map(String) : [];
}

/** The app's App Home as manifest.yml configures it: Slack shows a Home tab only when it is enabled. */
export interface AppHomeSettings {
  homeTabEnabled: boolean;
  /** `settings.event_subscriptions.bot_events`: Slack sends only the events the app subscribes to. */
  botEvents: string[];
}

export function manifestAppHome(path: URL | string = MANIFEST_PATH): AppHomeSettings {
  const manifest = parse(readFileSync(path, 'utf8')) as {
    features?: { app_home?: { home_tab_enabled?: unknown } };
  };
  return {
    homeTabEnabled: manifest.features?.app_home?.home_tab_enabled === true,
    botEvents: manifestBotEvents(path),
  };
}
