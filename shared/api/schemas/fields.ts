import { z } from 'zod'

/**
 * The field rules the API's bodies and queries are built from. Every refusal names its field in
 * plain words (the `{error}` of a 400), the same words the routes used before they had schemas, so a
 * client that shows `error` shows the same sentence.
 */

/** A trimmed string of at most `max` characters; absent or null is "required". */
export const text = (name: string, max: number) =>
  z
    .string({ error: (iss) => (iss.input == null ? `${name} is required` : `${name} must be a string`) })
    .trim()
    .max(max, { error: `${name} is longer than ${max} characters` })

/** A required text that must not be empty once trimmed. */
export const nonEmptyText = (name: string, max: number) => text(name, max).min(1, { error: `${name} must not be empty` })

/** An optional text: absent or null becomes `fallback`. */
export const optionalText = (name: string, max: number, fallback = '') =>
  text(name, max)
    .nullish()
    .transform((v) => v ?? fallback)

/** true or false. */
export const flag = (name: string) => z.boolean({ error: `${name} must be true or false` })

/** A whole number from `min` to `max`; `words` is the refusal. */
export const wholeNumber = (min: number, max: number, words: string) =>
  z
    .number({ error: words })
    .int({ error: words })
    .min(min, { error: words })
    .max(max, { error: words })

/** Epoch milliseconds in a JSON body. */
export const epochMs = (name: string) =>
  z
    .number({ error: `${name} must be epoch milliseconds` })
    .int({ error: `${name} must be epoch milliseconds` })
    .min(0, { error: `${name} must be epoch milliseconds` })
    .max(Number.MAX_SAFE_INTEGER, { error: `${name} must be epoch milliseconds` })

/** A query parameter holding a non-negative safe integer; absent or empty is undefined. */
export const queryInt = (name: string, words = `${name} must be a non-negative integer`) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return undefined
      const n = Number(raw)
      if (!Number.isSafeInteger(n) || n < 0) {
        ctx.issues.push({ code: 'custom', message: words, input: raw })
        return z.NEVER
      }
      return n
    })

/** A query parameter that may be left out; empty counts as left out. */
export const queryText = () =>
  z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))

/** A body that may be left out entirely: no body is the schema's answer to `{}`. */
export const optionalBody = <S extends z.ZodType<object>>(schema: S) => schema.optional().transform((v): z.output<S> => v ?? schema.parse({}))

/** An object that refuses fields it does not name, with `unknown field NAME`. */
export const strictBody = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject(shape, { error: (iss) => (iss.code === 'unrecognized_keys' ? `unknown field ${iss.keys[0]}` : undefined) })
