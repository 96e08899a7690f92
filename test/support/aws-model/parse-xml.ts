// A small XML reader for awsQuery responses: elements, text and entities; attributes are ignored.

export interface XmlElement {
  name: string;
  children: XmlElement[];
  /** The element's text, entities decoded (empty for elements that hold elements). */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack = [root];
  const tags = /<(\/?)([\w:.-]+)[^>]*?(\/?)>|([^<]+)|<\?[^>]*\?>/g;
  for (const match of xml.matchAll(tags)) {
    const [, closing, name, selfClosing, text] = match;
    const current = stack[stack.length - 1]!;
    if (text !== undefined) {
      current.text += text.replace(/&(\w+);/g, (_, entity: string) => ENTITIES[entity] ?? `&${entity};`);
    } else if (name && closing) {
      if (current.name !== name) throw new Error(`</${name}> closes <${current.name}>`);
      stack.pop();
    } else if (name) {
      const element: XmlElement = { name, children: [], text: '' };
      current.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length !== 1 || root.children.length !== 1) throw new Error('not one well-formed XML document');
  return root.children[0]!;
}
