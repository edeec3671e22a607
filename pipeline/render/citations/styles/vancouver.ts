/**
 * Vancouver as the NLM writes it (Citing Medicine, 2nd edition, 2007, and the ICMJE recommendations), as a CSL 1.0.2
 * style written for this project from those rules rather than copied, so it carries no third-party licence:
 *
 * - authors: surname + initials without periods or spaces ("Simpson TE"), up to 6, then "et al."; an
 *   organisation as author is printed as given (Citing Medicine ch. 1, "Author");
 * - journal articles: "Title. Abbrev. Year Mon Day;Vol(Issue):pages." with the NLM journal abbreviation
 *   (`container-title-short`), the date as stored (year, month, day), page ranges without repeated leading digits
 *   and with a hyphen ("1372-81"), then "doi:…." and "PubMed PMID: …; PubMed Central PMCID: …." (ch. 1);
 *   a journal article found only by its URL gets "[Internet]", "[cited YYYY Mon DD]" and "Available from:";
 * - books and reports: "Title [Internet]. Publisher; Year Mon [cited YYYY Mon DD]. Available from: URL" (ch. 2,
 *   15, "[Internet]" and the cited date only when there is a URL); chapters: "In: Editor, editor. Book. …; Year.
 *   p. pages.";
 * - web pages: "Author. Title [Internet]. Site. Year Mon Day [cited YYYY Mon DD]. Available from: URL" (ch. 22–25),
 *   the cited date from `accessed`; a web page is "[Internet]" even when its address was not kept.
 *
 * Kept as a module for the same reason as the AMA style (./ama.ts): the renderer runs in the browser too.
 */
export const VANCOUVER_STYLE_NAME = 'vetted-vancouver-nlm'

export const VANCOUVER_CSL = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
  demote-non-dropping-particle="sort-only" page-range-format="minimal" default-locale="en-US">
  <info>
    <title>Vancouver / NLM Citing Medicine (vetted)</title>
    <id>https://vetted.invalid/csl/vancouver-nlm</id>
    <author><name>vetted</name></author>
    <category citation-format="numeric"/>
    <category field="medicine"/>
    <summary>NLM Citing Medicine reference list, written for the vetted renderer.</summary>
    <updated>2026-12-03T00:00:00+00:00</updated>
  </info>
  <locale xml:lang="en">
    <terms>
      <term name="et-al">et al.</term>
      <term name="editor">
        <single>editor</single>
        <multiple>editors</multiple>
      </term>
      <term name="page-range-delimiter">-</term>
      <term name="month-01" form="short">Jan</term>
      <term name="month-02" form="short">Feb</term>
      <term name="month-03" form="short">Mar</term>
      <term name="month-04" form="short">Apr</term>
      <term name="month-05" form="short">May</term>
      <term name="month-06" form="short">Jun</term>
      <term name="month-07" form="short">Jul</term>
      <term name="month-08" form="short">Aug</term>
      <term name="month-09" form="short">Sep</term>
      <term name="month-10" form="short">Oct</term>
      <term name="month-11" form="short">Nov</term>
      <term name="month-12" form="short">Dec</term>
    </terms>
  </locale>
  <macro name="author">
    <names variable="author">
      <name name-as-sort-order="all" sort-separator=" " initialize-with="" delimiter=", "
        delimiter-precedes-last="always"/>
      <substitute>
        <names variable="editor"/>
      </substitute>
    </names>
  </macro>
  <macro name="editor">
    <names variable="editor">
      <name name-as-sort-order="all" sort-separator=" " initialize-with="" delimiter=", "
        delimiter-precedes-last="always"/>
      <label form="long" prefix=", "/>
    </names>
  </macro>
  <macro name="internet">
    <choose>
      <if type="webpage post-weblog" variable="URL" match="any">
        <text value="[Internet]"/>
      </if>
    </choose>
  </macro>
  <macro name="title">
    <choose>
      <if type="article-journal article-magazine article-newspaper chapter" match="any">
        <text variable="title"/>
      </if>
      <else>
        <group delimiter=" ">
          <text variable="title"/>
          <text macro="internet"/>
        </group>
      </else>
    </choose>
  </macro>
  <macro name="date">
    <date variable="issued">
      <date-part name="year"/>
      <date-part name="month" form="short" prefix=" "/>
      <date-part name="day" prefix=" "/>
    </date>
  </macro>
  <macro name="year">
    <date variable="issued">
      <date-part name="year"/>
    </date>
  </macro>
  <macro name="cited">
    <choose>
      <if type="webpage post-weblog" variable="URL" match="any">
        <date variable="accessed" prefix="[cited " suffix="]">
          <date-part name="year"/>
          <date-part name="month" form="short" prefix=" "/>
          <date-part name="day" prefix=" "/>
        </date>
      </if>
    </choose>
  </macro>
  <macro name="journal">
    <group delimiter=". ">
      <group delimiter=" ">
        <text variable="container-title" form="short" strip-periods="true"/>
        <choose>
          <if variable="DOI" match="none">
            <text macro="internet"/>
          </if>
        </choose>
      </group>
      <group>
        <group delimiter=" ">
          <text macro="date"/>
          <choose>
            <if variable="DOI" match="none">
              <text macro="cited"/>
            </if>
          </choose>
        </group>
        <text variable="volume" prefix=";"/>
        <text variable="issue" prefix="(" suffix=")"/>
        <text variable="page" prefix=":"/>
      </group>
    </group>
  </macro>
  <macro name="publisher-date">
    <group delimiter="; ">
      <text variable="publisher"/>
      <group delimiter=" ">
        <text macro="date"/>
        <text macro="cited"/>
      </group>
    </group>
  </macro>
  <macro name="source">
    <choose>
      <if type="article-journal article-magazine article-newspaper" match="any">
        <text macro="journal"/>
      </if>
      <else-if type="chapter">
        <group delimiter=". ">
          <group delimiter=" ">
            <text value="In:"/>
            <group delimiter=". ">
              <text macro="editor"/>
              <text variable="container-title"/>
            </group>
          </group>
          <group delimiter=" ">
            <group delimiter="; ">
              <text variable="publisher"/>
              <text macro="year"/>
            </group>
            <text macro="cited"/>
          </group>
          <text variable="page" prefix="p. "/>
        </group>
      </else-if>
      <else-if type="webpage post-weblog" match="any">
        <group delimiter=". ">
          <text variable="container-title"/>
          <group delimiter="; ">
            <text variable="publisher"/>
            <group delimiter=" ">
              <text macro="date"/>
              <text macro="cited"/>
            </group>
          </group>
        </group>
      </else-if>
      <else>
        <text macro="publisher-date"/>
      </else>
    </choose>
  </macro>
  <macro name="access">
    <choose>
      <if variable="DOI">
        <group delimiter=" ">
          <text variable="DOI" prefix="doi:" suffix="."/>
          <text macro="pubmed"/>
        </group>
      </if>
      <else-if variable="URL">
        <group delimiter=" ">
          <text variable="URL" prefix="Available from: "/>
          <text macro="pubmed"/>
        </group>
      </else-if>
      <else>
        <text macro="pubmed"/>
      </else>
    </choose>
  </macro>
  <macro name="pubmed">
    <group delimiter="; " suffix=".">
      <text variable="PMID" prefix="PubMed PMID: "/>
      <text variable="PMCID" prefix="PubMed Central PMCID: "/>
    </group>
  </macro>
  <citation collapse="citation-number">
    <sort>
      <key variable="citation-number"/>
    </sort>
    <layout prefix="(" suffix=")" delimiter=",">
      <text variable="citation-number"/>
    </layout>
  </citation>
  <bibliography et-al-min="7" et-al-use-first="6" second-field-align="flush">
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
