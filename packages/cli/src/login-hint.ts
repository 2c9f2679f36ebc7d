import { DEFAULT_PROFILE } from './profiles.js';

/** The login command for a profile, as a hint prints it: `--profile` only when it is not the default. */
export const loginCommandFor = (profile: string, extra = ''): string =>
  `cohesity login${extra ? ` ${extra}` : ''}${profile === DEFAULT_PROFILE ? '' : ` --profile ${profile}`}`;
