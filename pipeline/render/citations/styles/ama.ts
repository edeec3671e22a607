/**
 * AMA Manual of Style, 11th edition (2020), as a CSL 1.0.2 style, written for this project from the manual's
 * reference-list rules (§3.7–3.15) rather than copied, so it carries no third-party licence:
 *
 * - authors: surname + initials without periods or spaces ("Simpson TE"), all listed up to 6; 7 or more → the
 *   first 3 then "et al"; an organisation as author is printed as given;
 * - journal articles: "Title. Journal. Year;Vol(Issue):pages." with full page ranges (239-241), then
 *   "doi:…" with no final period;
 * - article titles as stored (sentence case, the subtitle after a colon in lower case, §3.9, as PubMed writes them);
 *   book and report titles italic and in title case (§3.9), "Publisher; Year."; chapters: "In: Editor, ed. Book.
 *   Publisher; Year:pages."; the journal by its NLM abbreviation (`container-title-short`, §3.11.2);
 * - web pages: "Title. Site. Published Month D, YYYY. Accessed Month D, YYYY. URL" (no period after a URL);
 * - numbered in order of first citation (the renderer supplies the numbers; the style prints them too so it
 *   stays usable on its own).
 *
 * Kept as a module, not a loose .csl file, because the renderer also runs in the Studio's browser bundle,
 * which cannot read files; `tests/render-citations.test.ts` checks that it parses and formats each type.
 */
export const AMA_STYLE_NAME = 'vetted-ama-11'

export const AMA_CSL = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" demote-non-dropping-particle="sort-only" page-range-format="expanded" default-locale="en-US">
  <info>
    <title>American Medical Association 11th edition (vetted)</title>
    <id>https://vetted.invalid/csl/ama-11</id>
    <author><name>vetted</name></author>
    <category citation-format="numeric"/>
    <category field="medicine"/>
    <summary>AMA Manual of Style 11th edition reference list, written for the vetted renderer.</summary>
    <updated>2026-11-26T00:00:00+00:00</updated>
  </info>
  <locale xml:lang="en">
    <terms>
      <term name="et-al">et al</term>
      <term name="editor" form="short">
        <single>ed</single>
        <multiple>eds</multiple>
      </term>
      <term name="edition" form="short">ed</term>
      <term name="page-range-delimiter">-</term>
    </terms>
  </locale>
  <macro name="author">
    <names variable="author">
      <name name-as-sort-order="all" sort-separator=" " initialize-with="" delimiter=", " delimiter-precedes-last="always"/>
      <substitute>
        <names variable="editor"/>
      </substitute>
    </names>
  </macro>
  <macro name="editor">
    <names variable="editor">
      <name name-as-sort-order="all" sort-separator=" " initialize-with="" delimiter=", " delimiter-precedes-last="always"/>
      <label form="short" prefix=", "/>
    </names>
  </macro>
  <macro name="title">
    <choose>
      <if type="book report" match="any">
        <text variable="title" font-style="italic" text-case="title"/>
      </if>
      <else>
        <text variable="title"/>
      </else>
    </choose>
  </macro>
  <macro name="edition">
    <choose>
      <if is-numeric="edition">
        <group delimiter=" ">
          <number variable="edition" form="ordinal"/>
          <text term="edition" form="short"/>
        </group>
      </if>
      <else>
        <text variable="edition"/>
      </else>
    </choose>
  </macro>
  <macro name="year">
    <date variable="issued">
      <date-part name="year"/>
    </date>
  </macro>
  <macro name="publisher-year">
    <group delimiter="; ">
      <text variable="publisher"/>
      <text macro="year"/>
    </group>
  </macro>
  <macro name="source">
    <choose>
      <if type="article-journal article-magazine article-newspaper" match="any">
        <group delimiter=". ">
          <text variable="container-title" form="short" font-style="italic"/>
          <group>
            <text macro="year"/>
            <text variable="volume" prefix=";"/>
            <text variable="issue" prefix="(" suffix=")"/>
            <text variable="page" prefix=":"/>
          </group>
        </group>
      </if>
      <else-if type="chapter">
        <group delimiter=". ">
          <choose>
            <if variable="editor">
              <group delimiter=". ">
                <group delimiter=" ">
                  <text value="In:"/>
                  <text macro="editor"/>
                </group>
                <text variable="container-title" font-style="italic" text-case="title"/>
              </group>
            </if>
            <else>
              <group delimiter=" ">
                <text value="In:"/>
                <text variable="container-title" font-style="italic" text-case="title"/>
              </group>
            </else>
          </choose>
          <text macro="edition"/>
          <group delimiter=":">
            <text macro="publisher-year"/>
            <text variable="page"/>
          </group>
        </group>
      </else-if>
      <else-if type="book report" match="any">
        <group delimiter=". ">
          <text macro="edition"/>
          <text macro="publisher-year"/>
        </group>
      </else-if>
      <else-if type="webpage post-weblog" match="any">
        <group delimiter=". ">
          <text variable="container-title"/>
          <date variable="issued" form="text" prefix="Published "/>
        </group>
      </else-if>
      <else>
        <group delimiter=". ">
          <text variable="container-title" font-style="italic"/>
          <text macro="publisher-year"/>
        </group>
      </else>
    </choose>
  </macro>
  <macro name="access">
    <choose>
      <if variable="DOI">
        <text variable="DOI" prefix="doi:"/>
      </if>
      <else-if variable="URL">
        <group delimiter=" ">
          <date variable="accessed" form="text" prefix="Accessed " suffix="."/>
          <text variable="URL"/>
        </group>
      </else-if>
    </choose>
  </macro>
  <citation collapse="citation-number">
    <sort>
      <key variable="citation-number"/>
    </sort>
    <layout vertical-align="sup" delimiter=",">
      <text variable="citation-number"/>
    </layout>
  </citation>
  <bibliography et-al-min="7" et-al-use-first="3" second-field-align="flush">
    <layout>
      <text variable="citation-number" suffix=". "/>
      <group delimiter=" ">
        <group delimiter=". " suffix=".">
          <text macro="author"/>
          <text macro="title"/>
          <text macro="source"/>
        </group>
        <text macro="access"/>
      </group>
    </layout>
  </bibliography>
</style>
`
