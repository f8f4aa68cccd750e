/**
 * Relay global IDs: an opaque string naming a type and its database key, so `node(id:)` can fetch anything.
 * Encoded as base64url of `Type:key` (e.g. `Article:42`). Clients must treat them as opaque.
 */
import { BadUserInputError } from "../../errors";

/** The GraphQL types that have global IDs. */
export const NODE_TYPES = ["Article", "Person", "Organisation", "Place", "Mention"] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/** Encodes a type name and database key into a global ID. */
export function toGlobalId(type: NodeType, key: string | number): string {
  return Buffer.from(`${type}:${key}`, "utf8").toString("base64url");
}

/** A decoded global ID. */
export interface DecodedId {
  type: NodeType;
  /** Database key: a positive integer as a string. */
  key: string;
}

/** Decodes a global ID, or returns null when it is not one of ours (malformed, unknown type, bad key). */
export function fromGlobalId(id: string): DecodedId | null {
  if (typeof id !== "string" || id.length === 0 || id.length > 200 || !/^[A-Za-z0-9_-]+={0,2}$/.test(id)) return null;
  const decoded = Buffer.from(id, "base64url").toString("utf8");
  const sep = decoded.indexOf(":");
  if (sep < 0) return null;
  const type = decoded.slice(0, sep) as NodeType;
  const key = decoded.slice(sep + 1);
  if (!NODE_TYPES.includes(type) || !/^[1-9][0-9]{0,17}$/.test(key)) return null;
  return { type, key };
}

/**
 * Decodes a global ID that must name one of `types`.
 *
 * @param argument the argument name, for the error message
 * @throws BadUserInputError naming the argument and the offending ID when it is malformed or of another type
 */
export function expectGlobalId(id: string, types: readonly NodeType[], argument: string): DecodedId {
  const decoded = fromGlobalId(id);
  if (!decoded || !types.includes(decoded.type)) {
    throw new BadUserInputError(
      `Argument "${argument}" must be the ID of ${types.length > 1 ? `one of ${types.join(", ")}` : `${/^[AEIOU]/.test(types[0]) ? "an" : "a"} ${types[0]}`}, but got: ${JSON.stringify(id.length > 80 ? `${id.slice(0, 80)}…` : id)}`,
      { argumentName: argument, invalidId: id },
    );
  }
  return decoded;
}
