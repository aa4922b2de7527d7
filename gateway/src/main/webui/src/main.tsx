import { render } from 'preact';
import { App } from './app';
import { initialLang } from './i18n';
import './styles.css';

const root = document.getElementById('app');
if (root) render(<App initialLang={initialLang()} />, root);
