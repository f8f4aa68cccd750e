/**
 * Refuses strings holding U+0000 (NUL) anywhere in an operation's variables or literal arguments, before any
 * resolver runs. PostgreSQL text cannot store NUL, so such a string would otherwise fail deep in a query as an
 * internal error; it is the client's input, so it is BAD_USER_INPUT, named as such.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, visit, type DocumentNode } from "graphql";
import { BadUserInputError } from "../../errors";

/**
 * Where the first NUL sits in a JSON-like value, as a path ("input.text"), or null when there is none. Walks with
 * its own stack, not recursion: variables are client JSON, and one nested ten thousand arrays deep would
 * otherwise overflow the call stack.
 */
export function findNul(value: unknown, path = "variables"): string | null {
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length) {
    const [v, at] = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes("\u0000")) return at;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${at}[${i}]`]);
    } else if (v && typeof v === "object") {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i];
        if (k.includes("\u0000")) return `${at}.<key>`;
        stack.push([x, `${at}.${k}`]);
      }
    }
  }
  return null;
}

/**
 * Whether a document's literals hold a NUL, remembered per parsed document: Apollo Server hands the same
 * DocumentNode to every request with the same query text (its document store), and walking it again cost ~15 µs
 * of every request. A WeakMap, so it holds nothing once Apollo drops the document; derived from the query
 * text alone, so two instances can never disagree about it.
 */
const nulInLiterals = new WeakMap<DocumentNode, boolean>();

function literalHasNul(document: DocumentNode): boolean {
  let found = nulInLiterals.get(document);
  if (found === undefined) {
    found = walkForNul(document);
    nulInLiterals.set(document, found);
  }
  return found;
}

function walkForNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.STRING](node) {
      if (node.value.includes("\u0000")) found = true;
    },
  });
  return found;
}

/** The plugin; add it to ApolloServer's `plugins`. */
export function rejectNulPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const inVariables = findNul(request.variables ?? {});
          if (inVariables || literalHasNul(document)) {
            throw new BadUserInputError(
              `Strings may not contain the NUL character (U+0000)${inVariables ? `, but ${inVariables} does` : ", but an argument does"}.`,
              // Thrown before execution, so Apollo would answer 500 without a status of its own.
              { http: { status: 400 } },
            );
          }
        },
      };
    },
  };
}
