import { InvalidConfigError } from "../errors/errors";
import type { ClientKey } from "./types";

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const KEY = /^[\w+=,.@-]{1,64}$/;
const FIELDS = ["region", "key", "credentials"];

/** A key checked once. */
export interface ResolvedKey {
  readonly key: ClientKey;
  /** What the registry shows (never the credentials). */
  readonly label: string;
}

/** Checks a key before its first client is made; every mistake is an `InvalidConfigError`. */
export function resolveKey(clientName: string, key: ClientKey): ResolvedKey {
  const invalid = (reason: string) =>
    new InvalidConfigError(`Invalid key for ${clientName}.for(): ${reason}`, { setting: "key" });
  if (typeof key !== "object" || key === null)
    throw invalid('expected an object such as { region: "eu-west-1" }');
  const unknown = Object.keys(key).filter((field) => !FIELDS.includes(field));
  if (unknown.length > 0)
    throw invalid(`unknown field ${unknown.join(", ")}. Expected ${FIELDS.join(", ")}`);
  const { region, key: name, credentials } = key;
  if (region !== undefined && !(typeof region === "string" && REGION.test(region)))
    throw InvalidConfigError.invalid("region", region, "a region such as eu-west-1");
  if (name !== undefined && !(typeof name === "string" && KEY.test(name)))
    throw InvalidConfigError.invalid("key", name, "1 to 64 of A-Z a-z 0-9 _ + = , . @ -");
  if (credentials !== undefined && typeof credentials !== "function")
    throw invalid("credentials must be a credential provider, e.g. assumeRole({ roleArn })");
  // Credentials are not compared (a client is cached by region and key): the key's name
  // says whose they are.
  if (credentials !== undefined && name === undefined)
    throw invalid("set key too, which names the credentials (e.g. the tenant id or account)");
  if (region === undefined && name === undefined) throw invalid("set a region or a key");
  const label = [region && `region=${region}`, name && `key=${name}`].filter(Boolean).join(" ");
  return { key, label };
}
