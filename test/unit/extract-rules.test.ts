import { describe, expect, it } from "vitest";
import { extractEntities } from "../../src/ingest/extract";
import { parseArticle } from "../../src/ingest/parse";
import type { EntityKind, Extraction } from "../../src/ingest/types";

function extract(headline: string, ...paragraphs: string[]): Extraction {
  return extractEntities(parseArticle([headline, "", ...paragraphs].join("\n\n")));
}
const names = (x: Extraction, kind: EntityKind) => x.entities.filter((e) => e.kind === kind).map((e) => e.name).sort();

describe("extractEntities: context rules", () => {
  it("ignores ordinary words that start a sentence", () => {
    const x = extract("Critics attack plan", "However, Critics said the plan failed. Shares fell in Leeds.");
    expect(names(x, "ORGANISATION")).toEqual([]);
    expect(names(x, "PLACE")).toEqual(["Leeds"]);
  });

  it("keeps an unknown single word as an organisation only when it recurs or has a cue", () => {
    const x = extract("Deal", "Shares in Zentrix rose after Zentrix agreed terms. The survey was conducted by Quorvane.", "He once met Plimbo.");
    expect(names(x, "ORGANISATION")).toEqual(["Quorvane", "Zentrix"]);
  });

  it("reads the seat after 'MP for' as a place and the party before a role as an organisation", () => {
    const x = extract("Defection", "Tom Arden, MP for Wexcombe, said Labour MPs were angry.");
    expect(names(x, "PLACE")).toEqual(["Wexcombe"]);
    expect(names(x, "ORGANISATION")).toEqual(["Labour Party"]);
    expect(names(x, "PERSON")).toEqual(["Tom Arden"]);
  });

  it("splits a person from the organisation named after 'of'", () => {
    const x = extract("Refugees", "\"No,\" said Hannah Ward of the Refugee Council.");
    expect(names(x, "PERSON")).toEqual(["Hannah Ward"]);
    expect(names(x, "ORGANISATION")).toEqual(["Refugee Council"]);
  });

  it("treats a channel of a known organisation as the organisation", () => {
    const x = extract("Interview", "He told BBC Radio Four that the BBC had erred.");
    expect(names(x, "ORGANISATION")).toEqual(["BBC"]);
  });

  it("keeps 'Mrs' from joining a man who shares the surname", () => {
    const x = extract("Mrs Hallam gets role", "Conservative leader Michael Hallam said his wife would help.");
    expect(names(x, "PERSON")).toEqual(["Hallam", "Michael Hallam"]);
  });

  it("gives a shared surname to the person named in full most often", () => {
    const x = extract(
      "Budget row",
      "Gordon Brennan and Cherie Brennan arrived. Gordon Brennan spoke first.",
      "Mr Brennan said the budget was fair. Brennan left.",
    );
    const gordon = x.entities.find((e) => e.name === "Gordon Brennan")!;
    expect(gordon.mentions.map((m) => m.text)).toEqual(["Gordon Brennan", "Gordon Brennan", "Brennan", "Brennan"]);
    expect(names(x, "PERSON")).toEqual(["Cherie Brennan", "Gordon Brennan"]);
  });

  it("joins a double-barrelled surname written without its hyphen", () => {
    const x = extract("Party launch", "Robert Kilroy-Silk launched a party.", "Mr Kilroy Silk and Kilroy-Silk's aides spoke.");
    expect(names(x, "PERSON")).toEqual(["Robert Kilroy-Silk"]);
  });

  it("treats conventions and laws as neither organisations nor people", () => {
    const x = extract("Rights", "It breached the European Convention on Human Rights and the Freedom of Information Act, the Joint Committee on Human Rights said.");
    expect(names(x, "ORGANISATION")).toEqual(["Joint Committee on Human Rights"]);
    expect(names(x, "PERSON")).toEqual([]);
  });

  it("drops peers' territorial designations and keeps the peer", () => {
    const x = extract("Lords", "Lord Irvine of Lairg and Lord Falconer spoke.");
    expect(names(x, "PERSON")).toEqual(["Falconer", "Irvine"]);
    expect(names(x, "PLACE")).toEqual([]);
  });
});
