// The project's schematron engine (schematron.ts) on small schemas of our own: it does what ISO Schematron
// says, and refuses what it cannot do rather than skip it.

import { describe, expect, it } from 'vitest';
import { Unsupported, prepare, readSchematron, routeCalls, validateAll } from './schematron.js';

const schema = (body: string, attributes = 'queryBinding="xslt2"') =>
  `<schema xmlns="http://purl.oclc.org/dsdl/schematron" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:f="urn:test:f" ${attributes}>
     <ns prefix="f" uri="urn:test:f"/><ns prefix="xs" uri="http://www.w3.org/2001/XMLSchema"/>${body}</schema>`;

const findingsOf = (sch: string, ...documents: string[]) => validateAll(prepare(readSchematron(schema(sch))), documents).map((found) => found.map((f) => f.id));

describe('the schematron engine', () => {
  it('an assert reports when its test is false, a report when it is true; each with its id, flag and text', () => {
    const sch = `<pattern><rule context="item">
        <assert id="A1" flag="fatal" test="@price > 0">Item <value-of select="@name"/> has no price (<name/>).</assert>
        <report id="R1" flag="warning" test="@price > 100">Item <value-of select="@name"/> is dear.</report>
      </rule></pattern>`;
    const [found] = validateAll(prepare(readSchematron(schema(sch))), ['<list><item name="a" price="0"/><item name="b" price="200"/><item name="c" price="5"/></list>']);
    expect(found).toEqual([
      { id: 'A1', flag: 'fatal', text: 'Item a has no price (item).', location: '/Q{}list[1]/Q{}item[1]' },
      { id: 'R1', flag: 'warning', text: 'Item b is dear.', location: '/Q{}list[1]/Q{}item[2]' },
    ]);
  });

  it('in a pattern, a node is checked by the first rule whose context matches it only; other patterns check it again', () => {
    const sch = `<pattern>
        <rule context="item[@special]"><assert id="SPECIAL" test="false()">special</assert></rule>
        <rule context="item"><assert id="ORDINARY" test="false()">ordinary</assert></rule>
      </pattern>
      <pattern><rule context="item"><assert id="AGAIN" test="false()">again</assert></rule></pattern>`;
    expect(findingsOf(sch, '<list><item special="1"/><item/></list>')).toEqual([['SPECIAL', 'ORDINARY', 'AGAIN', 'AGAIN']]);
  });

  it('a context matches as an XSLT pattern: anywhere, with predicates among siblings, unions and absolute paths', () => {
    const sch = `<pattern><rule context="b[1]"><report id="FIRST-B" test="true()"><value-of select="@n"/></report></rule></pattern>
      <pattern><rule context="/list/a | c/b"><report id="ABS-OR-PATH" test="true()"><value-of select="@n"/></report></rule></pattern>
      <pattern><rule context="//b[@n = '4']"><report id="DESCENDANT" test="true()"/></rule></pattern>
      <pattern><rule context="*[2]"><report id="SECOND" test="true()"><value-of select="@n"/></report></rule></pattern>`;
    const [found] = validateAll(prepare(readSchematron(schema(sch))), ['<list><a n="1"/><b n="2"/><b n="3"/><c><b n="4"/></c></list>']);
    expect(found!.map((f) => `${f.id} ${f.text}`)).toEqual(['FIRST-B 2', 'FIRST-B 4', 'ABS-OR-PATH 1', 'ABS-OR-PATH 4', 'DESCENDANT ', 'SECOND 2']);
  });

  it('lets: of the schema and the pattern over the document, of the rule over its context node, in order', () => {
    const sch = `<let name="total" value="sum(//item/@price)"/>
      <pattern><let name="count" value="count(//item)"/>
        <rule context="item"><let name="share" value="@price div $total"/><let name="even" value="$share = 1 div $count"/>
          <assert id="EVEN" test="$even">uneven: <value-of select="$share"/></assert></rule></pattern>`;
    expect(findingsOf(sch, '<list><item price="1"/><item price="3"/></list>', '<list><item price="2"/><item price="2"/></list>')).toEqual([['EVEN', 'EVEN'], []]);
  });

  it('decimals are exact, as XPath 2 says (0.1 + 0.2 = 0.3)', () => {
    const sch = `<pattern><rule context="sum"><assert id="SUM" test="xs:decimal(@a) + xs:decimal(@b) = xs:decimal(@c)">off</assert></rule></pattern>`;
    expect(findingsOf(sch, '<sum a="0.1" b="0.2" c="0.3"/>', '<sum a="0.1" b="0.2" c="0.30000000000000004"/>')).toEqual([[], ['SUM']]);
  });

  it('XSLT functions of the schema: typed parameters and result, variables, choose, recursion, calls between them', () => {
    const sch = `
      <xsl:function name="f:digits" as="xs:integer">
        <xsl:param name="text" as="xs:string"/>
        <xsl:choose>
          <xsl:when test="$text = ''"><xsl:sequence select="0"/></xsl:when>
          <xsl:otherwise>
            <xsl:variable name="rest" select="substring($text, 2)"/>
            <xsl:sequence select="(if (matches(substring($text, 1, 1), '[0-9]')) then 1 else 0) + f:digits($rest)"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:function>
      <xsl:function name="f:all-digits" as="xs:boolean">
        <xsl:param name="text"/>
        <xsl:variable name="allowed">0123456789</xsl:variable>
        <xsl:value-of select="f:digits(string($text)) = string-length($text) and translate($text, $allowed, '') = ''"/>
      </xsl:function>
      <pattern><rule context="code"><assert id="DIGITS" test="f:all-digits(.)">not digits</assert></rule></pattern>`;
    expect(findingsOf(sch, '<code>123</code>', '<code>12a</code>')).toEqual([[], ['DIGITS']]);
  });

  it('a call of a schema function is routed through the map of functions; literals, variables and other functions are left alone', () => {
    const functions = new Set(['Q{urn:test:f}gln']);
    const namespaces = { f: 'urn:test:f', xs: 'http://www.w3.org/2001/XMLSchema' };
    expect(routeCalls("f:gln(.) and 'f:gln(x)' and $f:gln and xs:string(f:gln ( ))", functions, namespaces)).toBe(
      "$Q{urn:flis:test:schematron}functions('Q{urn:test:f}gln')($Q{urn:flis:test:schematron}functions, .) and 'f:gln(x)' and $f:gln and xs:string($Q{urn:flis:test:schematron}functions('Q{urn:test:f}gln')($Q{urn:flis:test:schematron}functions ))",
    );
  });

  it('refuses what it cannot run, naming it: phases, includes, abstract patterns, XSLT outside functions, XPath 1', () => {
    const refused = (sch: string, attributes?: string) => () => readSchematron(schema(sch, attributes));
    expect(refused('<phase id="p"/>')).toThrow(Unsupported);
    expect(refused('<include href="x.sch"/>')).toThrow(/<include>/);
    expect(refused('<pattern abstract="true"><rule context="a"/></pattern>')).toThrow(/abstract/);
    expect(refused('<pattern><rule abstract="true" id="r"/></pattern>')).toThrow(/abstract/);
    expect(refused('<pattern><rule context="a"><extends rule="r"/></rule></pattern>')).toThrow(/<extends>/);
    expect(refused('<xsl:key name="k" match="a" use="@id"/>')).toThrow(/<key>/);
    expect(refused('<xsl:function name="f:x"><xsl:for-each select="1"/></xsl:function>')).toThrow(/for-each/);
    expect(refused('<pattern/>', 'queryBinding="xslt"')).toThrow(/query binding xslt/);
    expect(refused('<pattern><rule context="a"><assert test="true()" diagnostics="d">x</assert></rule></pattern>')).toThrow(/diagnostics/);
  });

  it('an error in a rule stops the run and names the document', () => {
    const compiled = prepare(readSchematron(schema('<pattern><rule context="n"><assert id="N" test="xs:decimal(.) ge 0">negative</assert></rule></pattern>')));
    expect(validateAll(compiled, ['<n>1</n>', '<n>-1</n>'])).toEqual([[], [expect.objectContaining({ id: 'N' })]]);
    expect(() => validateAll(compiled, ['<n>1</n>', '<n xmlns:cbc="u"><cbc:ID>DOC-2</cbc:ID>x</n>'])).toThrow(/^the schema: a rule failed with an error on document 2 of 2 \(DOC-2\): .*xs:decimal/s);
  });
});
