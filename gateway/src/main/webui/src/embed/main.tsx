import { render } from 'preact';
import { HEIGHT_MESSAGE, parseEmbedOptions, parseEmbedPath } from '../lib/embed';
import { EmbedApp } from './EmbedApp';
import '../styles.css';
import './embed.css';

const target = parseEmbedPath(window.location.pathname);
const options = parseEmbedOptions(window.location.search);
document.documentElement.lang = options.lang;

const root = document.getElementById('embed');
if (root) render(<EmbedApp target={target} options={options} />, root);

// the page that frames this one (the <kiezwerk-embed> element) makes the frame as high as its content
if (window.parent !== window && typeof ResizeObserver !== 'undefined') {
  let last = 0;
  const post = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
    }
  };
  new ResizeObserver(post).observe(document.documentElement);
  post();
}
