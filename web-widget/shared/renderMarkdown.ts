import DOMPurify, { type Config } from 'dompurify';
import { Marked, type Tokens } from 'marked';

/**
 * Markdown from the bot (article answers, agent messages) to safe HTML: the one renderer of the
 * visitor widget and of the editor console's previews, so an editor sees exactly what a visitor
 * will see. Safety does not rest on the content being trusted:
 * - raw HTML in the Markdown is shown as text, never parsed (articles have no reason to hold HTML);
 * - the HTML marked produces then goes through DOMPurify with a short allowlist: no script, style,
 *   form, image, iframe, SVG or MathML, no attributes but href/title/start, no event handlers;
 * - links only to http(s), mailto:, tel:, the same site (`/...`) or an anchor; anything else
 *   (`javascript:`, `data:`, `vbscript:`...) loses its href and stays as inert text;
 * - every remaining link opens in a new tab with rel="noopener noreferrer";
 * - a bare "www.…" address (case status texts say "go to www.uscis.gov/e-request") becomes an
 *   https link, not the http one GFM's autolinking makes of it.
 */
export interface MarkdownRenderer {
  /** Sanitised HTML, ready for `innerHTML`. */
  render(markdown: string): string;
}

const ALLOWED_TAGS =
  'p br strong em b i del s a ul ol li blockquote code pre h3 h4 h5 h6 hr table thead tbody tr th td';

const SANITIZE: Config = {
  ALLOWED_TAGS: ALLOWED_TAGS.split(' '),
  ALLOWED_ATTR: ['href', 'title', 'start'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|tel:|\/(?!\/)|#)/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  KEEP_CONTENT: true,
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** One renderer per window (DOMPurify needs a DOM); create it once and reuse it. */
export function createMarkdownRenderer(win: Window & typeof globalThis = window): MarkdownRenderer {
  const purifier = DOMPurify(win);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    if (node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  const marked = new Marked({
    gfm: true,
    breaks: true,
    async: false,
    walkTokens(token) {
      if (token.type !== 'link') return;
      const link = token as Tokens.Link;
      if (/^www\./i.test(link.raw) && link.href.startsWith('http://')) {
        link.href = `https://${link.href.slice('http://'.length)}`;
      }
    },
    renderer: {
      html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
      // A chat message sits under the panel's h2: its headings start at h3.
      heading({ tokens, depth }: Tokens.Heading) {
        const level = Math.min(depth + 2, 6);
        return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
      },
      // No images: no tracking pixels, no onerror; the picture becomes a link to it.
      image: ({ href, text }: Tokens.Image) =>
        `<a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a>`,
    },
  });
  return {
    render: (markdown) => purifier.sanitize(marked.parse(markdown, { async: false }), SANITIZE),
  };
}
