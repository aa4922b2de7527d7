// <kiezwerk-embed partner="<id>"> or <kiezwerk-embed neighbourhood="<code>">: a blog includes
//   <script src="https://kiezwerk.example.org/kiezwerk-embed.js" async></script>
// once and puts the tag where the card should be. The element frames the embed page of the Kiezwerk
// the script came from; the frame keeps Kiezwerk's own strict policy, sets no cookies, and tells the
// element its height. The element adds no <style> and no inline script to the host page, so it works
// under a host's strict Content-Security-Policy (script-src and frame-src naming the Kiezwerk origin).
// Built on its own (vite.element.config.ts) into /kiezwerk-embed.js, a classic script.
import { embedPath, heightOf, originOf, targetOfAttributes } from '../lib/embed';
import type { EmbedView } from '../lib/embed';

const script = document.currentScript as HTMLScriptElement | null;
const ORIGIN = originOf(script?.src) ?? window.location.origin;

class KiezwerkEmbed extends HTMLElement {
  static observedAttributes = ['partner', 'neighbourhood', 'view', 'lang'];

  private readonly root: ShadowRoot;
  private frame: HTMLIFrameElement | null = null;
  private readonly onMessage = (event: MessageEvent) => {
    if (!this.frame || event.source !== this.frame.contentWindow || event.origin !== ORIGIN) return;
    const height = heightOf(event.data);
    if (height != null) this.frame.style.height = `${height}px`;
  };

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
  }

  connectedCallback() {
    window.addEventListener('message', this.onMessage);
    this.render();
  }

  disconnectedCallback() {
    window.removeEventListener('message', this.onMessage);
  }

  attributeChangedCallback() {
    if (this.isConnected) this.render();
  }

  private render() {
    const target = targetOfAttributes(this.getAttribute('partner'), this.getAttribute('neighbourhood'));
    this.style.display = 'block';
    if (!target) {
      this.frame = null;
      const note = document.createElement('p');
      note.setAttribute('part', 'error');
      note.textContent = 'Kiezwerk: this element needs partner="<partner id>" or neighbourhood="<area code>".';
      this.root.replaceChildren(note);
      this.dataset.state = 'invalid';
      return;
    }
    const viewAttr = this.getAttribute('view');
    const view: EmbedView = viewAttr === 'card' || viewAttr === 'map' ? viewAttr : 'full';
    const lang = this.getAttribute('lang') === 'en' ? 'en' : 'de';
    const src = ORIGIN + embedPath(target, { view, lang });
    if (this.frame && this.frame.src === src) return;
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.title = target.kind === 'partner' ? 'Kiezwerk: Partner' : 'Kiezwerk: Quartier';
    frame.setAttribute('part', 'frame');
    frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    // its own origin (it reads Kiezwerk's API as itself), scripts, and links that open outside the frame
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
    frame.style.border = '0';
    frame.style.width = '100%';
    frame.style.display = 'block';
    frame.style.height = view === 'card' ? '480px' : '640px';
    frame.style.colorScheme = 'normal';
    this.frame = frame;
    this.root.replaceChildren(frame);
    this.dataset.state = 'framed';
  }
}

if (!customElements.get('kiezwerk-embed')) customElements.define('kiezwerk-embed', KiezwerkEmbed);
