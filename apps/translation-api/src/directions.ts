/** The translation directions the service offers, `<from>-<to>`. */
export const DIRECTIONS = ["en-es", "en-fr", "en-de", "es-en", "fr-en", "de-en"] as const;
export type Direction = (typeof DIRECTIONS)[number];
