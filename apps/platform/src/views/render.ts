import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/**
 * The one place where components become HTML. Preact escapes every text child and attribute value, so a
 * component cannot inject markup by accident; `dangerouslySetInnerHTML` is the only way around it, and it is
 * used for nothing a person typed.
 */
export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

/** A fragment (a mail body part, a piece of a page sent alone). */
export function renderFragment(node: VNode): string {
  return renderToString(node);
}
