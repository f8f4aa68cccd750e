import { describe, expect, it } from "vitest";
import { extractEntities, EXTRACTOR_NAME, EXTRACTOR_VERSION } from "../../src/ingest/extract";
import { parseArticle } from "../../src/ingest/parse";
import type { EntityKind, ExtractedEntity, Extraction } from "../../src/ingest/types";

/** Extracts from a BBC-layout article: headline, blank line, one paragraph per line. */
function extract(headline: string, ...paragraphs: string[]): Extraction {
  return extractEntities(parseArticle([headline, "", ...paragraphs].join("\n\n")));
}
const names = (x: Extraction, kind: EntityKind) => x.entities.filter((e) => e.kind === kind).map((e) => e.name).sort();
const entity = (x: Extraction, name: string): ExtractedEntity => {
  const e = x.entities.find((v) => v.name === name);
  if (!e) throw new Error(`no entity ${name} in ${x.entities.map((v) => v.name).join(", ")}`);
  return e;
};

describe("extractEntities: titles and honorifics", () => {
  it("strips honorifics and office titles from people's names", () => {
    const x = extract(
      "Ministers meet",
      "Prime Minister Tony Blair met Shadow Home Secretary David Davis and Dr Priya Sandhu.",
      "Mr Blair and Ms Sandhu later spoke to Baroness Amos.",
    );
    expect(names(x, "PERSON")).toEqual(["Amos", "David Davis", "Priya Sandhu", "Tony Blair"]);
    expect(entity(x, "Tony Blair").aliases).toEqual(["Tony Blair", "Blair"]);
  });

  it("splits a place or organisation off a title phrase", () => {
    const x = extract("Talks", "US Secretary of State Jon Kerrigan met Russian Foreign Minister Ivan Petrovsky.");
    expect(names(x, "PERSON")).toEqual(["Ivan Petrovsky", "Jon Kerrigan"]);
    expect(names(x, "PLACE")).toEqual(["United States"]);
  });

  it("drops an office named without a person", () => {
    const x = extract("Budget", "The Chancellor of the Exchequer and the Information Commissioner spoke.");
    expect(x.entities).toEqual([]);
  });
});

describe("extractEntities: surface forms", () => {
  it("removes possessives, straight and curly", () => {
    const x = extract("Row", "Tom Hadley's plan angered Mr Hadley\u2019s rivals at Acme Group\u2019s offices.");
    expect(entity(x, "Tom Hadley").aliases).toEqual(["Tom Hadley", "Hadley"]);
    expect(entity(x, "Acme Group").mentions[0].text).toBe("Acme Group");
  });

  it("leaves trailing punctuation out of names", () => {
    const x = extract("Visit", "She flew to Paris. Then to \"Berlin\", and finally (Madrid)!");
    expect(names(x, "PLACE")).toEqual(["Berlin", "Madrid", "Paris"]);
    for (const e of x.entities) expect(e.mentions[0].text).toBe(e.name);
  });

  it("splits lists of places joined by commas and 'and'", () => {
    const x = extract("Council", "The permanent members - the US, UK, China, Russia and France - met.");
    expect(names(x, "PLACE")).toEqual(["China", "France", "Russia", "United Kingdom", "United States"]);
  });

  it("keeps 'and' inside an organisation's name", () => {
    const x = extract("Rules", "The Securities and Exchange Commission fined Marks & Spencer.");
    expect(names(x, "ORGANISATION")).toEqual(["Marks & Spencer", "Securities and Exchange Commission"]);
  });

  it("does not take facilities for people", () => {
    const x = extract("Trip", "Jon Kerrigan departs Andrews Air Force Base and Fenwick Street for Geneva.");
    expect(names(x, "PERSON")).toEqual(["Jon Kerrigan"]);
    expect(names(x, "PLACE")).toEqual(["Geneva"]);
  });

  it("does not take demonyms for places", () => {
    const x = extract("Plan", "Syrian forces and British diplomats backed a Russian plan, said Syrian President Omar Haddad.");
    expect(names(x, "PLACE")).toEqual([]);
    expect(names(x, "PERSON")).toEqual(["Omar Haddad"]);
  });

  it("keeps demonyms that start an organisation's name", () => {
    const x = extract("Vote", "The Scottish Parliament and the British Retail Consortium agreed.");
    expect(names(x, "ORGANISATION")).toEqual(["British Retail Consortium", "Scottish Parliament"]);
  });

  it("keeps name particles and hyphens", () => {
    const x = extract(
      "Talks",
      "President Bashar al-Assad met Ban Ki-moon and Dominique de Villepin.",
      "Later Assad and Mr de Villepin spoke.",
    );
    expect(names(x, "PERSON")).toEqual(["Ban Ki-moon", "Bashar al-Assad", "Dominique de Villepin"]);
    expect(entity(x, "Bashar al-Assad").mentions).toHaveLength(2);
  });

  it("keeps accents for display and matches without them", () => {
    const x = extract("Farm protest", "Farmer José Bové led the march.", "Later Bove said he would return.");
    const jose = entity(x, "José Bové");
    expect(jose.kind).toBe("PERSON");
    expect(jose.aliases).toEqual(["José Bové", "Bove"]);
    expect(jose.name).toBe("José Bové".normalize("NFC"));
  });
});

describe("extractEntities: within-article resolution", () => {
  it("resolves a later surname and title+surname to the full name", () => {
    const x = extract("Maternity pay", "Trade Secretary Paula Hewson set out plans.", "Ms Hewson said Hewson's plan would help.");
    const p = entity(x, "Paula Hewson");
    expect(p.mentions.map((m) => m.text)).toEqual(["Paula Hewson", "Hewson", "Hewson"]);
    expect(names(x, "PERSON")).toEqual(["Paula Hewson"]);
  });

  it("resolves a surname that comes before the full name", () => {
    const x = extract("Kerrigan to meet Petrovsky", "Foreign minister Jon Kerrigan will meet Ivan Petrovsky on Thursday.");
    expect(names(x, "PERSON")).toEqual(["Ivan Petrovsky", "Jon Kerrigan"]);
    expect(entity(x, "Jon Kerrigan").mentions[0].section).toBe("HEADLINE");
  });

  it("expands an acronym the article defines in brackets", () => {
    const x = extract("Firms", "The Federation of Widget Makers (FWM) objected.", "The FWM said costs would rise.");
    const fwm = entity(x, "Federation of Widget Makers");
    expect(fwm.aliases).toEqual(["Federation of Widget Makers", "FWM"]);
    expect(fwm.mentions.map((m) => m.text)).toEqual(["Federation of Widget Makers", "FWM", "FWM"]);
  });

  it("joins an acronym made of a name's initials", () => {
    const x = extract("Union", "The National Union of Widget Workers balloted members.", "NUWW leaders backed a strike.");
    expect(names(x, "ORGANISATION")).toEqual(["National Union of Widget Workers"]);
  });

  it("uses the alias table for well-known names, parties and countries", () => {
    const x = extract(
      "UN vote",
      "The UN and the EU spoke to the AP news agency. Aljazeera reported it.",
      "The Tories, the Conservatives and Lib Dems joined Labour. Britain and the UK, America and the USA agreed.",
    );
    expect(names(x, "ORGANISATION")).toEqual([
      "Al Jazeera", "Associated Press", "Conservative Party", "European Union", "Labour Party", "Liberal Democrats", "United Nations",
    ]);
    expect(names(x, "PLACE")).toEqual(["United Kingdom", "United States"]);
    expect(entity(x, "Conservative Party").aliases).toEqual(["Conservative Party", "Tories", "Conservatives"]);
  });
});

describe("extractEntities: mentions and salience", () => {
  it("gives offsets in code points, end exclusive, with text equal to the slice", () => {
    const article = parseArticle("Visit\n\n\u{1F600} Zoë Ashworth-Lévy met 🇬🇧 officials in Geneva.\n");
    const x = extractEntities(article);
    const zoe = entity(x, "Zoë Ashworth-Lévy");
    expect(zoe.mentions[0]).toEqual({ section: "BODY", paragraph: 0, start: 2, end: 19, text: "Zoë Ashworth-Lévy" });
    for (const e of x.entities) {
      for (const m of e.mentions) {
        const para = m.section === "HEADLINE" ? article.headline : article.paragraphs[m.paragraph];
        expect(Array.from(para).slice(m.start, m.end).join("")).toBe(m.text);
      }
    }
    expect(entity(x, "Geneva").mentions[0].start).toBe(Array.from(article.paragraphs[0]).indexOf("G"));
  });

  it("reads mentions in the headline, body and caption in order", () => {
    const x = extractEntities(parseArticle("Kerrigan in Geneva\n\nJon Kerrigan arrived.\n\nPHOTO CAPTION\n\nJon Kerrigan in Geneva.\n\nAljazeera\n"));
    expect(entity(x, "Jon Kerrigan").mentions.map((m) => m.section)).toEqual(["HEADLINE", "BODY", "CAPTION"]);
  });

  it("scores salience within 0 to 1, highest for the headline subject", () => {
    const x = extract("Kerrigan visits Geneva", "Jon Kerrigan flew to Geneva.", "Mr Kerrigan met officials from Oslo.", "Kerrigan left.");
    for (const e of x.entities) {
      expect(e.salience).toBeGreaterThanOrEqual(0);
      expect(e.salience).toBeLessThanOrEqual(1);
    }
    expect(x.entities[0].name).toBe("Jon Kerrigan");
    expect(entity(x, "Jon Kerrigan").salience).toBe(1);
    expect(entity(x, "Oslo").salience).toBeLessThan(entity(x, "Geneva").salience);
  });

  it("names the extractor and its version", () => {
    const x = extract("Nothing", "nothing here.");
    expect(x.extractor).toBe(EXTRACTOR_NAME);
    expect(x.extractor).toBe("storygraph-rules");
    expect(x.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(x.version).toBe(EXTRACTOR_VERSION);
  });
});
