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

  it("keeps a given name that is also a stop-word at the head of a short name", () => {
    const x = extract("Vote", "Former minister Bill Tarrow said the Bill would pass.");
    expect(names(x, "PERSON")).toEqual(["Bill Tarrow"]);
  });

  it("keeps office words inside an organisation's name after 'of'", () => {
    const x = extract("Guidance", "The Association of Chief Harbour Wardens has issued guidance.");
    expect(names(x, "ORGANISATION")).toEqual(["Association of Chief Harbour Wardens"]);
    expect(names(x, "PERSON")).toEqual([]);
  });

  it("finds no organisation in an office whose 'of' names a portfolio, but keeps known places there", () => {
    const x = extract("Prosecutions", "He will consult the Director of Public Prosecutions and the Chief Justice of England and Wales.");
    expect(names(x, "ORGANISATION")).toEqual([]);
    expect(names(x, "PLACE")).toEqual(["England", "Wales"]);
  });

  it("reads a name with an organisation noun in apposition or before it as an organisation", () => {
    const x = extract("Advisers", "QX Brackwell, the investment bank, is advising. He hired the consultancy Tandry Velk.");
    expect(names(x, "ORGANISATION")).toEqual(["QX Brackwell", "Tandry Velk"]);
    expect(names(x, "PERSON")).toEqual([]);
  });

  it("reads a given name before a strong organisation head as an organisation", () => {
    const x = extract("Rights", "Marta Ilvesky Center said the ruling was wrong.");
    expect(names(x, "ORGANISATION")).toEqual(["Marta Ilvesky Center"]);
    expect(names(x, "PERSON")).toEqual([]);
  });

  it("reads an unknown word followed by 'in' and a known place as a place", () => {
    const x = extract("Seat", "He is defending the stronghold of Brackleton in West Yorkshire.");
    expect(names(x, "PLACE")).toEqual(["Brackleton", "West Yorkshire"]);
  });

  it("does not read a company as a place when 'shares in' precede it", () => {
    const x = extract("Shares", "Shares in Zentrix in London rose. Zentrix was pleased.");
    expect(names(x, "PLACE")).toEqual(["London"]);
    expect(names(x, "ORGANISATION")).toEqual(["Zentrix"]);
  });

  it("reads what someone visits as a place", () => {
    const x = extract("Trip", "The minister will visit Quemborg on Monday and then fly home from Quemborg.");
    expect(names(x, "PLACE")).toEqual(["Quemborg"]);
  });

  it("drops a plural acronym naming a kind of product", () => {
    const x = extract("Recall", "Acme is recalling ZRX SUVs made last year.");
    expect(names(x, "ORGANISATION")).toEqual([]);
    expect(names(x, "PERSON")).toEqual([]);
  });

  it("keeps a saint's possessive inside a building's name and finds no person there", () => {
    const x = extract("Service", "A service was held at St Alwen's Palace and pupils of St Brannoc's Middle School attended.");
    expect(names(x, "PERSON")).toEqual([]);
    expect(names(x, "ORGANISATION")).toEqual(["St Brannoc's Middle School"]);
  });

  it("lets a person's surname beat a company of the same name from the gazetteer", () => {
    const x = extract("Row", "Ian Pearson attacked the plan. Pearson said it would fail.");
    expect(names(x, "PERSON")).toEqual(["Ian Pearson"]);
    expect(names(x, "ORGANISATION")).toEqual([]);
  });

  it("resolves common short forms through the alias table", () => {
    const x = extract("Ruling", "The Appeal Court backed Defra. The Court of Appeal and JPMorgan, then JP Morgan, agreed with the Department for Environment Food and Rural Affairs.");
    expect(names(x, "ORGANISATION")).toEqual(["Court of Appeal", "Department for Environment, Food and Rural Affairs", "JP Morgan"]);
  });

  it("splits a head of state's country from the titled name", () => {
    const x = extract("Visit", "President Valdoran of Pakistan met King Osmund of Jordan in London.");
    expect(names(x, "PERSON")).toEqual(["Osmund", "Valdoran"]);
    expect(names(x, "PLACE")).toEqual(["Jordan", "London", "Pakistan"]);
  });
});
