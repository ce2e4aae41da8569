// A Schematron engine of the project's own, for the tests: it reads an ISO Schematron schema (.sch, query
// binding xslt2) as published and runs its rules with SaxonJS's XPath 3.1 processor, with no XSLT step. The
// schema becomes one XPath 3.1 expression, compiled once for a whole batch of documents:
//
// - each schema- and pattern-level <let> becomes a `let` over the document; each rule-level one a `let` over
//   the rule's context node;
// - a pattern's rules are tried in order and a node is checked by the first rule whose context matches it
//   (ISO Schematron's rule); a rule context is matched as an XSLT pattern is, anywhere in the document;
// - an <assert> reports when its test is false, a <report> when it is true, each with its id, flag and text
//   (<value-of> and <name> resolved);
// - each XSLT function the schema defines (<xsl:function>: params, variables, sequence, value-of, choose,
//   if) becomes an XPath inline function in a map, and every call to it is routed through that map, so the
//   functions may call each other and themselves.
//
// Anything else (include, abstract patterns and rules, phases, diagnostics, other XSLT, other query bindings)
// is refused with an error that names it: the engine never skips a rule it cannot run.

import SaxonJS from 'saxon-js';

const SCH = 'http://purl.oclc.org/dsdl/schematron';
const XSL = 'http://www.w3.org/1999/XSL/Transform';
/** The namespace of the engine's own variables in the compiled expression, apart from the schema's. */
const OWN = 'urn:flis:test:schematron';
const FUNCTIONS = `$Q{${OWN}}functions`;

const DEFAULT_NAMESPACES: Record<string, string> = {
  xs: 'http://www.w3.org/2001/XMLSchema',
  fn: 'http://www.w3.org/2005/xpath-functions',
  map: 'http://www.w3.org/2005/xpath-functions/map',
  array: 'http://www.w3.org/2005/xpath-functions/array',
  math: 'http://www.w3.org/2005/xpath-functions/math',
};

export interface Binding {
  readonly name: string;
  /** XPath 3.1 */
  readonly value: string;
}

export interface Check {
  readonly kind: 'assert' | 'report';
  readonly id: string;
  /** fatal, warning, information, … as the schema flags it; '' when it does not */
  readonly flag: string;
  readonly test: string;
  /** An XPath expression that gives the message as a string, evaluated on the context node. */
  readonly message: string;
}

export interface Rule {
  readonly context: string;
  readonly lets: readonly Binding[];
  readonly checks: readonly Check[];
}

export interface Pattern {
  readonly id: string;
  readonly lets: readonly Binding[];
  readonly rules: readonly Rule[];
}

export interface XPathFunction {
  /** Q{uri}local */
  readonly name: string;
  readonly params: readonly { readonly name: string; readonly as?: string }[];
  readonly as?: string;
  readonly body: string;
}

export interface Schema {
  readonly title: string;
  readonly namespaces: Readonly<Record<string, string>>;
  readonly lets: readonly Binding[];
  readonly functions: readonly XPathFunction[];
  readonly patterns: readonly Pattern[];
}

export interface Finding {
  readonly id: string;
  readonly flag: string;
  readonly text: string;
  /** The context node's path (XPath 3.1 path()) */
  readonly location: string;
}

export class Unsupported extends Error {}

// ---- Reading a .sch ----------------------------------------------------------------------------------------

interface Node {
  readonly nodeType: number;
  readonly localName: string;
  readonly namespaceURI: string | null;
  readonly nodeValue: string | null;
  readonly firstChild: Node | null;
  readonly nextSibling: Node | null;
  /** '' when the attribute is absent */
  getAttribute(name: string): string;
}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

function children(node: Node): Node[] {
  const all: Node[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) all.push(c);
  return all;
}

/** An attribute's value; null when it is absent or empty (SaxonJS's DOM does not tell the two apart). */
const attribute = (node: Node, name: string): string | null => node.getAttribute(name) || null;

const elements = (node: Node) => children(node).filter((c) => c.nodeType === ELEMENT);
const where = (node: Node) => `<${node.localName}${attribute(node, 'id') ? ` id="${attribute(node, 'id')}"` : ''}${attribute(node, 'name') ? ` name="${attribute(node, 'name')}"` : ''}>`;

function required(node: Node, name: string): string {
  const value = attribute(node, name);
  if (value === null || value.trim() === '') throw new Unsupported(`${where(node)} has no ${name}`);
  return value;
}

/** An XPath string literal. */
export const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

function refuseAttributes(node: Node, names: readonly string[]): void {
  for (const name of names) if (attribute(node, name) !== null) throw new Unsupported(`${where(node)}: the attribute ${name} is not supported`);
}

function binding(node: Node): Binding {
  if (attribute(node, 'value') === null) throw new Unsupported(`${where(node)}: a let without a value attribute is not supported`);
  return { name: required(node, 'name'), value: required(node, 'value') };
}

/** The message of an assert or report, as an XPath expression of its text, <value-of> and <name>. */
function message(node: Node): string {
  const parts: string[] = [];
  for (const c of children(node)) {
    if (c.nodeType === TEXT || c.nodeType === CDATA) parts.push(literal(c.nodeValue ?? ''));
    else if (c.nodeType !== ELEMENT) continue;
    else if (c.namespaceURI === SCH && c.localName === 'value-of') parts.push(`string-join(for $Q{${OWN}}v in (${required(c, 'select')}) return string($Q{${OWN}}v), ' ')`);
    else if (c.namespaceURI === SCH && c.localName === 'name') parts.push(`name(${attribute(c, 'path') ?? '.'})`);
    else if (c.namespaceURI === SCH && ['emph', 'dir', 'span'].includes(c.localName)) parts.push(literal(textOf(c)));
    else throw new Unsupported(`${where(node)}: <${c.localName}> in a message is not supported`);
  }
  return `normalize-space(string-join((${parts.join(', ') || "''"}), ''))`;
}

function textOf(node: Node): string {
  return children(node)
    .map((c) => (c.nodeType === TEXT || c.nodeType === CDATA ? (c.nodeValue ?? '') : c.nodeType === ELEMENT ? textOf(c) : ''))
    .join('');
}

function check(node: Node): Check {
  refuseAttributes(node, ['diagnostics', 'properties', 'subject']);
  return {
    kind: node.localName as 'assert' | 'report',
    id: attribute(node, 'id') ?? '',
    flag: attribute(node, 'flag') ?? '',
    test: required(node, 'test'),
    message: message(node),
  };
}

function rule(node: Node): Rule {
  refuseAttributes(node, ['abstract', 'subject']);
  const lets: Binding[] = [];
  const checks: Check[] = [];
  for (const c of elements(node)) {
    if (c.namespaceURI !== SCH) throw new Unsupported(`${where(node)}: <${c.localName}> in a rule is not supported`);
    if (c.localName === 'let') lets.push(binding(c));
    else if (c.localName === 'assert' || c.localName === 'report') checks.push(check(c));
    else if (c.localName !== 'title' && c.localName !== 'p') throw new Unsupported(`${where(node)}: <${c.localName}> in a rule is not supported`);
  }
  return { context: required(node, 'context'), lets, checks };
}

function pattern(node: Node, index: number): Pattern {
  refuseAttributes(node, ['abstract', 'is-a', 'documents']);
  const lets: Binding[] = [];
  const rules: Rule[] = [];
  for (const c of elements(node)) {
    if (c.namespaceURI !== SCH) throw new Unsupported(`${where(node)}: <${c.localName}> in a pattern is not supported`);
    if (c.localName === 'let') lets.push(binding(c));
    else if (c.localName === 'rule') rules.push(rule(c));
    else if (c.localName !== 'title' && c.localName !== 'p') throw new Unsupported(`${where(node)}: <${c.localName}> in a pattern is not supported`);
  }
  return { id: attribute(node, 'id') ?? `pattern ${index + 1}`, lets, rules };
}

// XSLT functions: the body, a sequence of instructions, becomes one XPath expression.

/** A variable's value: its select, its text, or its instructions (typed by its `as`, as XSLT converts them). */
function variableValue(node: Node): string {
  const select = attribute(node, 'select');
  const as = attribute(node, 'as');
  const content = elements(node);
  let value: string;
  if (select !== null) {
    if (content.length > 0) throw new Unsupported(`${where(node)}: a variable with both select and content is not supported`);
    value = `(${select})`;
  } else if (content.length === 0) {
    // A text-only variable is a temporary document in XSLT; used as a value, it is its text, untyped.
    value = `xs:untypedAtomic(${literal(textOf(node))})`;
    if (as !== null) throw new Unsupported(`${where(node)}: a typed variable with text content is not supported`);
  } else {
    if (as === null) throw new Unsupported(`${where(node)}: a variable with instructions and no "as" (a temporary document) is not supported`);
    value = instructions(children(node));
  }
  // XSLT converts a variable's value to its declared type as it converts a function's result.
  return as === null ? value : `(function() as ${as} { ${value} })()`;
}

/** Instructions in order: each variable binds the ones after it; the others give the result, in sequence. */
function instructions(nodes: readonly Node[]): string {
  const parts: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.nodeType === TEXT || node.nodeType === CDATA) {
      if ((node.nodeValue ?? '').trim() !== '') throw new Unsupported(`literal text in a function body is not supported: "${node.nodeValue!.trim()}"`);
      continue;
    }
    if (node.nodeType !== ELEMENT) continue;
    if (node.namespaceURI !== XSL) throw new Unsupported(`<${node.localName}> in a function body is not supported`);
    switch (node.localName) {
      case 'variable':
        parts.push(`let $${required(node, 'name')} := ${variableValue(node)} return ${instructions(nodes.slice(i + 1))}`);
        return sequence(parts);
      case 'sequence':
        parts.push(`(${required(node, 'select')})`);
        break;
      case 'value-of': {
        // A text node in XSLT: the values as strings, separated by a space; untyped when used as a value.
        refuseAttributes(node, ['separator']);
        parts.push(`xs:untypedAtomic(string-join(for $Q{${OWN}}v in (${required(node, 'select')}) return string($Q{${OWN}}v), ' '))`);
        break;
      }
      case 'if':
        parts.push(`(if (${required(node, 'test')}) then ${instructions(children(node))} else ())`);
        break;
      case 'choose': {
        let expression = '()';
        const branches = elements(node);
        for (let b = branches.length - 1; b >= 0; b--) {
          const branch = branches[b]!;
          if (branch.namespaceURI !== XSL || (branch.localName !== 'when' && branch.localName !== 'otherwise')) throw new Unsupported(`<${branch.localName}> in <choose> is not supported`);
          expression = branch.localName === 'otherwise' ? instructions(children(branch)) : `(if (${required(branch, 'test')}) then ${instructions(children(branch))} else ${expression})`;
        }
        parts.push(expression);
        break;
      }
      default:
        throw new Unsupported(`<xsl:${node.localName}> in a function body is not supported`);
    }
  }
  return sequence(parts);
}

const sequence = (parts: readonly string[]) => (parts.length === 1 ? parts[0]! : `(${parts.join(', ')})`);

function xsltFunction(node: Node, namespaces: Readonly<Record<string, string>>): XPathFunction {
  const name = required(node, 'name');
  const [prefix, local] = name.includes(':') ? name.split(':') : ['', name];
  const uri = namespaces[prefix!];
  if (!prefix || uri === undefined) throw new Unsupported(`${where(node)}: the function's prefix is not declared`);
  const nodes = children(node);
  const params = nodes
    .filter((c) => c.nodeType === ELEMENT && c.namespaceURI === XSL && c.localName === 'param')
    .map((p) => {
      refuseAttributes(p, ['select', 'required', 'tunnel']);
      return { name: required(p, 'name'), ...(attribute(p, 'as') ? { as: attribute(p, 'as')! } : {}) };
    });
  const body = instructions(nodes.filter((c) => !(c.nodeType === ELEMENT && c.namespaceURI === XSL && c.localName === 'param')));
  return { name: `Q{${uri}}${local}`, params, ...(attribute(node, 'as') ? { as: attribute(node, 'as')! } : {}), body };
}

/** Reads a schema from the text of a .sch file. */
export function readSchematron(text: string): Schema {
  const document = SaxonJS.XPath.evaluate('parse-xml($text)', null, { params: { text } }) as { documentElement: Node };
  const root = document.documentElement;
  if (root.namespaceURI !== SCH || root.localName !== 'schema') throw new Unsupported('not an ISO Schematron schema');
  const queryBinding = (attribute(root, 'queryBinding') ?? 'xslt').toLowerCase();
  if (!['xslt2', 'xslt3', 'xpath2', 'xpath3', 'xpath31'].includes(queryBinding)) throw new Unsupported(`query binding ${queryBinding}: only XPath 2 and later are supported`);
  refuseAttributes(root, ['defaultPhase']);

  // The prefixes declared on the schema element (its functions use them) and by <ns>.
  const namespaces: Record<string, string> = { ...DEFAULT_NAMESPACES };
  const declared = SaxonJS.XPath.evaluate("array { for $p in in-scope-prefixes(/*)[. != ''] return [$p, namespace-uri-for-prefix($p, /*)] }", document, {
    resultForm: 'array',
  }) as [string, string][];
  for (const [prefix, uri] of declared) namespaces[prefix] = uri;
  for (const c of elements(root)) if (c.namespaceURI === SCH && c.localName === 'ns') namespaces[required(c, 'prefix')] = required(c, 'uri');

  const lets: Binding[] = [];
  const functions: XPathFunction[] = [];
  const patterns: Pattern[] = [];
  let title = '';
  for (const c of elements(root)) {
    if (c.namespaceURI === XSL && c.localName === 'function') functions.push(xsltFunction(c, namespaces));
    else if (c.namespaceURI !== SCH) throw new Unsupported(`<${c.localName}> (${c.namespaceURI}) in the schema is not supported`);
    else if (c.localName === 'title') title = textOf(c).trim();
    else if (c.localName === 'let') lets.push(binding(c));
    else if (c.localName === 'pattern') patterns.push(pattern(c, patterns.length));
    else if (c.localName !== 'ns' && c.localName !== 'p') throw new Unsupported(`<${c.localName}> in the schema is not supported`);
  }
  const names = functions.map((f) => f.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Unsupported(`the function ${twice} is defined twice (by arity): not supported`);
  return { title, namespaces, lets, functions, patterns };
}

// ---- Compiling ---------------------------------------------------------------------------------------------

const NAME_START = /[A-Za-z_\u00C0-\uFFFF]/;
const NAME_CHAR = /[\w.\-\u00B7\u00C0-\uFFFF]/;

/**
 * Routes every call of one of the schema's functions through the map of functions: `u:gln(x)` becomes
 * `$functions('Q{utils}gln')($functions, x)`. String literals, comments, variables and braced URIs are
 * left as they are.
 */
export function routeCalls(xpath: string, functions: ReadonlySet<string>, namespaces: Readonly<Record<string, string>>): string {
  let out = '';
  let i = 0;
  const n = xpath.length;
  while (i < n) {
    const c = xpath[i]!;
    if (c === "'" || c === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= n) throw new Unsupported(`unterminated string literal in ${xpath}`);
        if (xpath[j] === c) {
          if (xpath[j + 1] === c) j += 2;
          else break;
        } else j++;
      }
      out += xpath.slice(i, j + 1);
      i = j + 1;
    } else if (c === '(' && xpath[i + 1] === ':') {
      let depth = 0;
      let j = i;
      do {
        if (xpath.startsWith('(:', j)) {
          depth++;
          j += 2;
        } else if (xpath.startsWith(':)', j)) {
          depth--;
          j += 2;
        } else if (j >= n) throw new Unsupported(`unterminated comment in ${xpath}`);
        else j++;
      } while (depth > 0);
      out += xpath.slice(i, j);
      i = j;
    } else if (c === 'Q' && xpath[i + 1] === '{') {
      const end = xpath.indexOf('}', i);
      out += xpath.slice(i, end + 1);
      i = end + 1;
    } else if (NAME_START.test(c) && !(i > 0 && NAME_CHAR.test(xpath[i - 1]!))) {
      let j = i + 1;
      while (j < n && NAME_CHAR.test(xpath[j]!)) j++;
      let name = xpath.slice(i, j);
      if (xpath[j] === ':' && j + 1 < n && NAME_START.test(xpath[j + 1]!)) {
        let k = j + 2;
        while (k < n && NAME_CHAR.test(xpath[k]!)) k++;
        name = xpath.slice(i, k);
        j = k;
      }
      const before = out.trimEnd().at(-1);
      const open = /^\s*\(/.exec(xpath.slice(j));
      const [prefix, local] = name.includes(':') ? name.split(':') : [undefined, name];
      const uri = prefix === undefined ? undefined : namespaces[prefix];
      const key = `Q{${uri}}${local}`;
      if (before !== '$' && open && uri !== undefined && functions.has(key)) {
        const after = j + open[0].length;
        const noArguments = /^\s*\)/.test(xpath.slice(after));
        out += `${FUNCTIONS}(${literal(key)})(${FUNCTIONS}${noArguments ? '' : ', '}`;
        i = after;
      } else {
        out += name;
        i = j;
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The top-level alternatives of a pattern (`a | b | (c | d)`), split at each `|` outside brackets and literals. */
function alternatives(pattern: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "'" || c === '"') {
      const end = pattern.indexOf(c, i + 1);
      if (end < 0) throw new Unsupported(`unterminated string literal in the rule context ${pattern}`);
      i = end;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === '|' && depth === 0) {
      parts.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(pattern.slice(start));
  return parts.map((p) => p.trim());
}

/** Whether `(` at the start of text closes at its very end. */
function wrapped(text: string): boolean {
  if (!text.startsWith('(') || !text.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') i = text.indexOf(c, i + 1);
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && --depth === 0 && i < text.length - 1) return false;
  }
  return true;
}

/** The end of the bracketed part that starts at `open` (`[…]`), literals skipped. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') i = text.indexOf(c, i + 1);
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && --depth === 0) return i;
  }
  throw new Unsupported(`unbalanced brackets in the rule context ${text}`);
}

/** The document's elements by name (a map from QName to the elements, in document order), made once per document. */
const ELEMENTS = `$Q{${OWN}}elements`;
const ELEMENTS_BY_NAME = `${ELEMENTS} := map:merge(for $Q{${OWN}}e in descendant::* return map:entry(node-name($Q{${OWN}}e), $Q{${OWN}}e), map { 'duplicates': 'combine' })`;

/**
 * A relative alternative anywhere in the document. `//x…` says it, but SaxonJS is slow to test names as it
 * walks a document, and a schema has a hundred contexts: an element name first (`cac:Party/…`) is looked up
 * among the document's elements by name instead, `*` first is `descendant::*`, and the first step's
 * predicates, if any, are tested among the element's siblings as a pattern's are (so `x[1]` still means the
 * first x of its parent). Other alternatives (`@x`, `text()`, …) are walked to with `//`.
 */
function anywhere(alternative: string, namespaces: Readonly<Record<string, string>>): string {
  const name = /^(?:(?:[A-Za-z_][\w.\-]*:)?[A-Za-z_][\w.\-]*|\*(?![:(]))/.exec(alternative);
  if (!name || /^\s*(\(|::|:\*)/.test(alternative.slice(name[0].length))) return `//${alternative}`;
  let end = name[0].length;
  while (alternative[end] === '[') end = closing(alternative, end) + 1;
  const predicates = alternative.slice(name[0].length, end);
  const rest = alternative.slice(end);
  let nodes = 'descendant::*';
  if (name[0] !== '*') {
    const [prefix, local] = name[0].includes(':') ? name[0].split(':') : ['', name[0]];
    const uri = prefix ? namespaces[prefix!] : '';
    if (uri === undefined) throw new Unsupported(`the prefix ${prefix} of the rule context ${alternative} is not declared`);
    nodes = `${ELEMENTS}(QName(${literal(uri)}, ${literal(local!)}))`;
  }
  if (predicates === '') return `${nodes}${rest}`;
  return `${nodes}[some $Q{${OWN}}sibling in ../${name[0]}${predicates} satisfies $Q{${OWN}}sibling is .]${rest}`;
}

/**
 * The nodes a rule context matches, as an XPath expression over the document: as an XSLT pattern matches,
 * a relative alternative anywhere in the document, an absolute one as it is.
 */
function matching(context: string, namespaces: Readonly<Record<string, string>>): string {
  return alternatives(context)
    .map((alternative) =>
      wrapped(alternative)
        ? `(${matching(alternative.slice(1, -1), namespaces)})`
        : /^\/\/[^/]/.test(alternative)
          ? anywhere(alternative.slice(2), namespaces) // `//x` is x anywhere
          : alternative.startsWith('/')
            ? alternative
            : anywhere(alternative, namespaces),
    )
    .join(' | ');
}

const lets = (bindings: readonly string[], body: string) => (bindings.length === 0 ? body : `let ${bindings.join(', ')} return ${body}`);

/** The schema as one XPath 3.1 expression over `$documents` (a sequence of document nodes): its findings. */
export function compile(schema: Schema): string {
  const known = new Set(schema.functions.map((f) => f.name));
  const route = (xpath: string) => routeCalls(xpath, known, schema.namespaces);
  const bind = (b: Binding) => `$${b.name} := (${route(b.value)})`;

  const functions = schema.functions.map((f) => {
    const params = [`${FUNCTIONS} as map(*)`, ...f.params.map((p) => `$${p.name}${p.as ? ` as ${p.as}` : ''}`)];
    return `${literal(f.name)}: function(${params.join(', ')})${f.as ? ` as ${f.as}` : ''} { ${route(f.body)} }`;
  });

  const finding = (c: Check) =>
    `map { 'id': ${literal(c.id)}, 'flag': ${literal(c.flag)}, 'text': ${route(c.message)}, 'location': path(.), 'document': $Q{${OWN}}index }`;
  const checks = (r: Rule) =>
    r.checks.map((c) => (c.kind === 'assert' ? `(if (${route(c.test)}) then () else ${finding(c)})` : `(if (${route(c.test)}) then ${finding(c)} else ())`));

  const patterns = schema.patterns.map((p) => {
    // The first rule whose context matches a node checks it; the later ones skip it. (The sets are small: a
    // test of identity against the earlier ones is cheaper than `except`, which sorts.)
    const matched: string[] = [];
    const visits: string[] = [];
    p.rules.forEach((r, i) => {
      const nodes = `$Q{${OWN}}rule${i}`;
      const before = `$Q{${OWN}}before${i}`;
      const earlier = i === 0 ? '' : `[not(some $Q{${OWN}}e in ${before} satisfies $Q{${OWN}}e is .)]`;
      matched.push(`${nodes} := (${matching(route(r.context), schema.namespaces)})${earlier}`);
      if (i < p.rules.length - 1) matched.push(`$Q{${OWN}}before${i + 1} := (${i === 0 ? '()' : before}, ${nodes})`);
      visits.push(`(for $Q{${OWN}}node in ${nodes} return $Q{${OWN}}node ! (${lets(r.lets.map(bind), `(${checks(r).join(', ') || '()'})`)}))`);
    });
    return lets([...p.lets.map(bind), ...matched], `(${visits.join(',\n') || '()'})`);
  });

  const perDocument = lets([ELEMENTS_BY_NAME, ...schema.lets.map(bind)], `(${patterns.join(',\n') || '()'})`);
  return lets(
    [`${FUNCTIONS} := map { ${functions.join(',\n')} }`],
    `for $Q{${OWN}}index in 1 to count($Q{${OWN}}documents) return $Q{${OWN}}documents[$Q{${OWN}}index] ! (${perDocument})`,
  );
}

// ---- Running -----------------------------------------------------------------------------------------------

export interface Compiled {
  readonly schema: Schema;
  readonly expression: string;
}

export const prepare = (schema: Schema): Compiled => ({ schema, expression: compile(schema) });

/** Every finding of the schema on each document (XML text), in the order of the documents given. */
export function validateAll(compiled: Compiled, documents: readonly string[]): Finding[][] {
  if (documents.length === 0) return [];
  const parsed = documents.map((text) => SaxonJS.XPath.evaluate('parse-xml($text)', null, { params: { text } }));
  const run = (nodes: readonly unknown[]) =>
    SaxonJS.XPath.evaluate(compiled.expression, null, {
      namespaceContext: { ...DEFAULT_NAMESPACES, ...compiled.schema.namespaces },
      params: { [`Q{${OWN}}documents`]: nodes },
      resultForm: 'array',
    }) as (Finding & { document: number })[];
  let found: (Finding & { document: number })[];
  try {
    found = run(parsed);
  } catch (error) {
    // An error in a rule (a value it cannot convert, say) stops the whole run, as it stops an XSLT
    // transformation: say which document it was.
    const at = parsed.findIndex((node) => {
      try {
        run([node]);
        return false;
      } catch {
        return true;
      }
    });
    const id = at < 0 ? undefined : /<cbc:ID>([^<]*)<\/cbc:ID>/.exec(documents[at]!)?.[1];
    throw new Error(`${compiled.schema.title || 'the schema'}: a rule failed with an error${at < 0 ? '' : ` on document ${at + 1} of ${documents.length} (${id ?? 'no ID'})`}: ${(error as Error).message}`, { cause: error });
  }
  const byDocument: Finding[][] = documents.map(() => []);
  for (const { document, ...finding } of found) byDocument[document - 1]!.push(finding);
  return byDocument;
}
