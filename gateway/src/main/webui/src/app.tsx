import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from './api/client';
import { VocabContext, emptyVocab, makeVocab } from './components/common';
import type { Vocab } from './components/common';
import { I18nContext, makeI18n } from './i18n';
import type { Lang } from './i18n';
import { parseHash } from './lib/router';
import type { Route } from './lib/router';
import { CalendarPage } from './pages/CalendarPage';
import { GapsPage } from './pages/GapsPage';
import { NetworkPage } from './pages/NetworkPage';
import { PartnerPage } from './pages/PartnerPage';
import { SearchPage } from './pages/SearchPage';

function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function App({ initialLang }: { initialLang: Lang }) {
  const [lang, setLang] = useState<Lang>(initialLang);
  const i18n = useMemo(() => makeI18n(lang), [lang]);
  const route = useRoute();
  const [vocab, setVocab] = useState<Vocab>(emptyVocab);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    document.documentElement.lang = lang;
    try {
      localStorage.setItem('kiezwerk.lang', lang);
    } catch {
      // storage may be blocked
    }
  }, [lang]);

  useEffect(() => {
    // the vocabularies are small; a failure leaves the filters with fewer choices, not a broken page
    Promise.all([
      api.neighbourhoods().catch(() => []),
      api.terms('target_groups').catch(() => []),
      api.terms('offer_categories').catch(() => []),
    ]).then(([n, g, c]) => setVocab(makeVocab(n, g, c)));
  }, []);

  // after a navigation, put the keyboard focus on the new page's heading
  const pageKey = route.name + (route.name === 'partner' ? route.id : '');
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>('#page-title');
    heading?.focus({ preventScroll: false });
  }, [pageKey]);

  const { t } = i18n;
  const nav: { href: string; label: string; active: boolean }[] = [
    { href: '#/', label: t.navSearch, active: route.name === 'search' || route.name === 'partner' },
    { href: '#/calendar', label: t.navCalendar, active: route.name === 'calendar' },
    { href: '#/network', label: t.navNetwork, active: route.name === 'network' },
    { href: '#/gaps', label: t.navGaps, active: route.name === 'gaps' },
  ];

  return (
    <I18nContext.Provider value={i18n}>
      <VocabContext.Provider value={vocab}>
        <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); main.current?.focus(); }}>
          {t.skip}
        </a>
        <header class="site-header">
          <div class="brand">
            <a href="#/" class="brand-name">
              {t.appName}
            </a>
            <span class="tagline">{t.tagline}</span>
          </div>
          <nav aria-label={t.appName}>
            <ul>
              {nav.map((n) => (
                <li key={n.href}>
                  <a href={n.href} aria-current={n.active ? 'page' : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div class="lang" role="group" aria-label={t.language}>
            {(['de', 'en'] as Lang[]).map((l) => (
              <button
                key={l}
                type="button"
                lang={l}
                aria-pressed={lang === l ? 'true' : 'false'}
                onClick={() => setLang(l)}
                data-testid={`lang-${l}`}
              >
                {l === 'de' ? 'Deutsch' : 'English'}
              </button>
            ))}
          </div>
        </header>
        <main id="main" ref={main} tabIndex={-1} data-route={route.name}>
          {route.name === 'search' && <SearchPage params={route.params} />}
          {route.name === 'partner' && <PartnerPage id={route.id} />}
          {route.name === 'calendar' && <CalendarPage params={route.params} />}
          {route.name === 'network' && <NetworkPage params={route.params} />}
          {route.name === 'gaps' && <GapsPage params={route.params} />}
          {route.name === 'notFound' && (
            <section>
              <h1 id="page-title" tabIndex={-1}>
                {t.notFound}
              </h1>
              <p>
                <a href="#/">{t.navSearch}</a>
              </p>
            </section>
          )}
        </main>
      </VocabContext.Provider>
    </I18nContext.Provider>
  );
}
