import type { SecurityConfig } from 'cohesity-sdk/models';
import { invalidRequest } from '../errors.js';

type PasswordStrength = SecurityConfig['passwordStrength'];

const rules: readonly { flag: Exclude<keyof PasswordStrength, 'minLength'>; test: RegExp; words: string }[] = [
  { flag: 'includeUpperLetter', test: /\p{Lu}/u, words: 'an upper-case letter' },
  { flag: 'includeLowerLetter', test: /\p{Ll}/u, words: 'a lower-case letter' },
  { flag: 'includeNumber', test: /\p{Nd}/u, words: 'a number' },
  { flag: 'includeSpecialChar', test: /[^\p{L}\p{Nd}]/u, words: 'a special character' },
];

/** The first rule of `passwordStrength` the password breaks, in words; undefined when it obeys all. */
function brokenPasswordRule(password: string, policy: PasswordStrength): string | undefined {
  if ([...password].length < policy.minLength) return `at least ${policy.minLength} characters`;
  return rules.find((rule) => policy[rule.flag] && !rule.test.test(password))?.words;
}

/** Throws a 400 that names the broken rule (never the password). */
export function assertPasswordStrength(password: string, policy: PasswordStrength): void {
  const rule = brokenPasswordRule(password, policy);
  if (rule !== undefined) throw invalidRequest(`The password is too weak: it must contain ${rule}`);
}
