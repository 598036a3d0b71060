/**
 * The only way the renderer builds DOM: elements and text nodes. There is no innerHTML anywhere in
 * the renderer, so no string from a payload (a tensor name, a title, a label) can become markup.
 */
export type Child = Node | string | null | undefined | false;

export interface Attrs {
  readonly class?: string;
  readonly title?: string;
  readonly [attr: `data-${string}`]: string | undefined;
  readonly [attr: `aria-${string}`]: string | undefined;
  readonly role?: string;
  readonly type?: string;
  readonly min?: string;
  readonly max?: string;
  readonly step?: string;
  readonly value?: string;
  readonly for?: string;
  readonly id?: string;
  readonly colspan?: string;
  readonly scope?: string;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  append(el, ...children);
  return el;
}

export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function button(label: string, onClick: () => void, cls = 'll-button'): HTMLButtonElement {
  const b = h('button', { class: cls, type: 'button' }, label);
  b.addEventListener('click', onClick);
  return b;
}
