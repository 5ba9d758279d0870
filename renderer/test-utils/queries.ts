import { act } from 'react';

/**
 * Small role/name queries for tests (this project has no @testing-library). They follow the
 * accessible-name rules the app relies on: aria-labelledby, aria-label, <label>, legend, text.
 */
export function accessibleName(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    return labelledBy
      .split(/\s+/)
      .map((id) => element.ownerDocument.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim();
  }
  const ariaLabel = element.getAttribute('aria-label');
  if (ariaLabel) return ariaLabel.trim();
  if (element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement) {
    return [...(element.labels ?? [])]
      .map((label) => label.textContent ?? '')
      .join(' ')
      .trim();
  }
  if (element instanceof HTMLFieldSetElement) return element.querySelector('legend')?.textContent?.trim() ?? '';
  return (element.textContent ?? '').trim();
}

function implicitRole(element: Element): string | null {
  if (element instanceof HTMLButtonElement) return 'button';
  if (element instanceof HTMLSelectElement) return 'combobox';
  if (element instanceof HTMLFieldSetElement) return 'group';
  if (element instanceof HTMLTableRowElement) return 'row';
  if (element instanceof HTMLInputElement) {
    const byType: Record<string, string> = { checkbox: 'checkbox', radio: 'radio', search: 'searchbox', number: 'spinbutton' };
    return byType[element.type] ?? 'textbox';
  }
  if (element.tagName === 'ARTICLE') return 'article';
  if (element.tagName === 'UL' || element.tagName === 'OL') return 'list';
  if (element.tagName === 'LI') return 'listitem';
  if (element.tagName === 'SECTION' && element.hasAttribute('aria-labelledby')) return 'region';
  if (element.tagName === 'FORM' && element.hasAttribute('aria-labelledby')) return 'form';
  return null;
}

export function roleOf(element: Element): string | null {
  return element.getAttribute('role') ?? implicitRole(element);
}

export function allByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('*')].filter((element) => {
    if (roleOf(element) !== role) return false;
    if (name === undefined) return true;
    const actual = accessibleName(element);
    return typeof name === 'string' ? actual === name : name.test(actual);
  });
}

export function byRole<T extends HTMLElement = HTMLElement>(root: ParentNode, role: string, name?: string | RegExp): T {
  const found = allByRole(root, role, name);
  if (found.length !== 1) throw new Error(`Expected one ${role} named ${String(name)}, found ${found.length}`);
  return found[0] as T;
}

export function maybeByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement | null {
  return allByRole(root, role, name)[0] ?? null;
}

/** Picks an option of a <select> the way React notices (native setter, then `change`). */
export function choose(select: HTMLSelectElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set;
  act(() => {
    setter?.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
