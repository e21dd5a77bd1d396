// The release schema's validator compiled at build time: none here. The CLI bundle's build replaces this module with
// ajv's standalone code for the schema (scripts/bundle-cli.mjs, `prebuiltValidator`): compiling the schema at run
// time cost a cold render ~27 ms (most of it ajv compiling its meta-schema to check ours). validateData.ts uses it
// only when its key is the key of the schema and options it runs with, so an edited schema is never checked by a
// stale validator.
import type { ValidateFunction } from 'ajv';

export const PREBUILT_VALIDATOR: { key: string; validate: ValidateFunction } | undefined = undefined;
