// Reads the sRGB ICC profile shipped in assets/icc/ (the PDF/A output intent), once per process.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The profile file: the ICC's sRGB2014 (see assets/icc/README.md for its source and terms). */
export const SRGB_PROFILE_PATH = fileURLToPath(new URL('../../assets/icc/sRGB2014.icc', import.meta.url));

let profile: Promise<Uint8Array> | undefined;

/** The profile's bytes. */
export function loadIccProfile(): Promise<Uint8Array> {
  profile ??= readFile(SRGB_PROFILE_PATH).then((b) => new Uint8Array(b));
  profile.catch(() => (profile = undefined));
  return profile;
}
